import { api, element } from "./api.js";

const table = document.getElementById("datasets");
let shown = new URLSearchParams(location.search).get("id");

function counts(d) {
  const c = d.counts;
  return c ? `${c.labeled} / ${c.validation} / ${c.test} / ${c.unlabeled}` : "–";
}

function status(d) {
  const label = element("span", { class: `status ${d.status}` }, d.status);
  if (d.status !== "IMPORTING" || !d.progress) return label;
  const percent = d.progress.planned ? (100 * d.progress.decoded) / d.progress.planned : 0;
  return [label, " ", element("progress", { max: 100, value: percent })];
}

function skipped(d) {
  const reasons = Object.entries(d.skipped ?? {});
  return reasons.length ? reasons.map(([reason, n]) => `${n} ${reason}`).join(", ") : "–";
}

async function refresh() {
  const datasets = (await api.get("/api/v1/datasets?size=100")).items;
  table.replaceChildren(...datasets.map((d) => element("tr", { "data-dataset": d.id },
    element("td", {}, element("a", { href: `?id=${d.id}`, onclick: (event) => show(event, d.id) }, d.id)),
    element("td", {}, d.name),
    element("td", {}, status(d)),
    element("td", {}, String(d.classNames.length)),
    element("td", {}, (d.trainSize === null) ? "–" : String(d.trainSize + d.testSize)),
    element("td", {}, counts(d)),
    element("td", {}, `${d.channels} x ${d.height} x ${d.width}`),
    element("td", {}, skipped(d)))));
  if (shown) render(datasets.find((d) => d.id === shown));
}

function show(event, id) {
  event.preventDefault();
  shown = id;
  history.replaceState(null, "", `?id=${id}`);
  refresh();
}

// The class histogram, largest class first: how balanced the few labels are.
function render(d) {
  const section = document.getElementById("dataset");
  if (!d) { section.hidden = true; return; }
  section.hidden = false;
  document.getElementById("dataset-name").textContent = `${d.name} (${d.id})`;
  document.getElementById("dataset-facts").replaceChildren(
    element("span", {}, "status ", element("b", {}, d.status)),
    element("span", {}, "classes ", element("b", {}, String(d.classNames.length))),
    element("span", {}, "images ", element("b", {}, `${d.channels} x ${d.height} x ${d.width}`)),
    element("span", {}, d.error ?? ""));
  const perClass = Object.entries(d.labeledPerClass ?? {}).sort((a, b) => b[1] - a[1]);
  const most = Math.max(1, ...perClass.map(([, n]) => n));
  document.getElementById("histogram").replaceChildren(...perClass.map(([name, n]) =>
    element("div", { class: "bar", "data-label": name, onclick: () => samples(d.id, name) },
      element("span", {}, name),
      element("span", {}, element("span", { class: "fill", style: `width: ${(100 * n) / most}%` })),
      element("span", {}, String(n)))));
}

// Through fetch, so that the API key goes with the request; an <img> could not send it.
async function samples(id, className) {
  const image = await api.blob(`/api/v1/datasets/${id}/samples?class=${encodeURIComponent(className)}&count=16`);
  document.getElementById("samples").src = URL.createObjectURL(image);
  document.getElementById("samples-class").textContent = className;
  document.getElementById("samples-figure").hidden = false;
}

// XMLHttpRequest rather than fetch: it reports upload progress.
function upload(form, progress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/v1/datasets");
    const key = localStorage.getItem("simmixmatch.apiKey");
    if (key) request.setRequestHeader("Authorization", `Bearer ${key}`);
    request.upload.onprogress = (event) => { progress.value = (100 * event.loaded) / event.total; };
    request.onload = () => {
      const body = JSON.parse(request.responseText || "null");
      if (request.status === 202) resolve(body);
      else reject(new Error((body?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("\n")
        || body?.detail || `${request.status} ${request.statusText}`));
    };
    request.onerror = () => reject(new Error("The upload failed"));
    request.send(form);
  });
}

document.getElementById("upload").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  [...form.entries()].filter(([, value]) => value === "").forEach(([name]) => form.delete(name));
  const error = document.getElementById("upload-error");
  const progress = document.getElementById("upload-progress");
  error.textContent = "";
  progress.hidden = false;
  try {
    const dataset = await upload(form, progress);
    shown = dataset.id;
    history.replaceState(null, "", `?id=${dataset.id}`);
    event.target.reset();
    refresh();
  } catch (e) {
    error.textContent = e.message;
  } finally {
    progress.hidden = true;
  }
});

refresh();
setInterval(refresh, 2000);
