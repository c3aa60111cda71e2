#!/usr/bin/env bash
# Import time and peak memory of a data-set upload: the service (embedded PostgreSQL,
# role api, a fresh data directory) takes a zip shaped like the NAVER Fashion data
# (bench/MakeShopArchive.java: 265 classes, 60,060 JPEG and PNG images of 64-192 px) and
# imports it at the default image size (32 x 32 RGB), or at IMAGE_SIZE. Prints the archive's size, the
# upload's answer time (the archive saved and scanned), the time to READY and the
# service's peak resident memory, sampled every 0.5 s.
#
#   bench/import.sh [IMAGES]      (JAR=... to use a copy of the jar; IMAGE_SIZE=128;
#                                  SERVICE_JAVA_OPTS=-Xmx512m to bound the API's heap)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

images=${1:-60060}
jar=$(bench_jar)
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
java bench/MakeShopArchive.java "$work/shop.zip" "$images"

port=18093
java ${SERVICE_JAVA_OPTS:-} -jar "$jar" --server.port=$port --simmixmatch.role=api \
  --simmixmatch.data-dir="$work/data" > "$work/service.log" 2>&1 &
pid=$!
until curl -fs "localhost:$port/actuator/health/readiness" > /dev/null; do sleep 1; done
rss_before=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
peak=$rss_before
sample() { local rss; rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"); (( rss > peak )) && peak=$rss; true; }

start=$(date +%s.%N)
curl -fs -o "$work/upload.json" -F archive=@"$work/shop.zip" -F name=shop ${IMAGE_SIZE:+-F imageSize=$IMAGE_SIZE} \
  "localhost:$port/api/v1/datasets" &
curl_pid=$!
while kill -0 "$curl_pid" 2>/dev/null; do sample; sleep 0.5; done
wait "$curl_pid"
answered=$(date +%s.%N)
while ! curl -fs "localhost:$port/api/v1/datasets/shop" | grep -q '"status":"\(READY\|FAILED\)"'; do
  sample; sleep 0.5
done
ready=$(date +%s.%N)
curl -fs "localhost:$port/api/v1/datasets/shop" > "$work/dataset.json"
python3 - "$work" "$start" "$answered" "$ready" "$rss_before" "$peak" <<'PY'
import json, os, sys
work, start, answered, ready, before, peak = sys.argv[1], *map(float, sys.argv[2:4]), float(sys.argv[4]), *map(int, sys.argv[5:7])
d = json.load(open(f"{work}/dataset.json"))
print(f"archive {os.path.getsize(work + '/shop.zip') / 2**20:.1f} MiB, status {d['status']} {d.get('error') or ''}")
print(f"counts {d.get('counts')}, skipped {d.get('skipped')}")
print(f"upload answered (saved + scanned) {answered - start:.1f} s; READY after {ready - start:.1f} s "
      f"({d['progress']['planned'] / (ready - answered):.0f} images/s decoded)")
print(f"service RSS {before} MiB before, {peak} MiB at peak")
PY
