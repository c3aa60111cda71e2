// The service's REST API, as the pages use it. Requests carry an API key from
// localStorage when one is set (the header's "API key" link sets it), so the pages keep
// working where authentication is on. EventSource cannot send headers: the event stream
// takes the key as ?access_token=.

const KEY = "simmixmatch.apiKey";

function headers(extra = {}) {
  const key = localStorage.getItem(KEY);
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

function askForKey(event) {
  event.preventDefault();
  const key = prompt("API key for this browser (empty to forget it)", localStorage.getItem(KEY) ?? "");
  if (key === null) return;
  if (key.trim()) localStorage.setItem(KEY, key.trim());
  else localStorage.removeItem(KEY);
  location.reload();
}

// The header of every page: its sections, the current one marked, and the key link.
const SECTIONS = [["/", "Runs"], ["/studies.html", "Studies"], ["/datasets.html", "Data sets"],
  ["/predict.html", "Predict"], ["/swagger-ui.html", "API"]];
const SECTION_OF = { "/run.html": "/", "/compare.html": "/", "/study.html": "/studies.html" };
const current = SECTION_OF[location.pathname] ?? location.pathname;
document.querySelector("header")?.append(
  element("a", { class: "brand", href: "/" }, "SimMixMatch"),
  ...SECTIONS.map(([href, name]) => element("a", { href, "aria-current": href === current ? "page" : undefined }, name)),
  element("a", { href: "#", id: "api-key", class: "key", onclick: askForKey },
    localStorage.getItem(KEY) ? "API key ✓" : "API key"));

async function answer(response) {
  const body = response.headers.get("Content-Type")?.includes("json") ? await response.json() : null;
  if (response.status === 401) {
    throw new Error(`${body?.detail ?? "Authentication required."} Set an API key (top right).`);
  }
  if (!response.ok) {
    const fields = (body?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("\n");
    throw new Error(fields || body?.detail || `${response.status} ${response.statusText}`);
  }
  return body;
}

export const api = {
  get: (path) => fetch(path, { headers: headers() }).then(answer),
  send: (method, path, body) =>
    fetch(path, {
      method,
      headers: headers({ "Content-Type": "application/json" }),
      body: JSON.stringify(body),
    }).then(answer),
  upload: (path, files) => {
    const form = new FormData();
    [...files].forEach((file) => form.append("file", file));
    return fetch(path, { method: "POST", headers: headers(), body: form }).then(answer);
  },
  blob: async (path, accept = "*/*") => {
    const response = await fetch(path, { headers: headers({ Accept: accept }) });
    if (!response.ok) await answer(response);
    return response.blob();
  },
  events: (path) => {
    const key = localStorage.getItem(KEY);
    return new EventSource(key ? `${path}?access_token=${encodeURIComponent(key)}` : path);
  },
};

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(child ?? "")));
  return node;
}

export const percent = (value) => (value === null || value === undefined ? "–" : `${(100 * value).toFixed(1)}%`);

export function duration(run) {
  if (!run.startedAt) return "–";
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  const seconds = Math.round((end - Date.parse(run.startedAt)) / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
