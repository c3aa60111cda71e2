import { api, element, percent, duration } from "./api.js";

const table = document.getElementById("runs");
const filter = document.getElementById("status-filter");
const picked = new Set();
const compare = document.getElementById("compare");

function pick(event) {
  const id = event.target.value;
  if (event.target.checked) picked.add(id);
  else picked.delete(id);
  compare.disabled = picked.size < 2;
}

async function refresh() {
  const query = filter.value ? `?status=${filter.value}&size=50` : "?size=50";
  const page = await api.get(`/api/v1/runs${query}`);
  table.replaceChildren(...page.items.map((run) => element("tr", { "data-run": run.id },
    element("td", {}, element("input", { type: "checkbox", value: run.id, checked: picked.has(String(run.id)),
      "aria-label": `compare run ${run.id}`, onchange: pick })),
    element("td", {}, String(run.id)),
    element("td", {}, element("a", { href: `/run.html?id=${run.id}` }, run.name)),
    element("td", {}, element("span", { class: `status ${run.status}` }, run.status)),
    element("td", {}, run.algorithm),
    element("td", {}, element("progress", { max: 100, value: run.progress.percent }),
      ` ${run.progress.percent.toFixed(0)}%`),
    element("td", {}, percent(run.best.top1)),
    element("td", {}, percent(run.best.top5)),
    element("td", {}, percent(run.test?.top1)),
    element("td", {}, duration(run)))));
}

async function loadDatasets() {
  const datasets = (await api.get("/api/v1/datasets?size=100")).items;
  document.getElementById("datasets").replaceChildren(...datasets
    .filter((d) => d.status === "READY")
    .map((d) => element("option", { value: d.id }, `${d.name} (${d.id})`)));
}

document.getElementById("launch").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const error = document.getElementById("launch-error");
  error.textContent = "";
  try {
    const request = {
      algorithm: form.get("algorithm"),
      datasetId: form.get("datasetId"),
      preset: form.get("preset"),
      hyperparameters: JSON.parse(form.get("hyperparameters") || "{}"),
    };
    if (form.get("name")) request.name = form.get("name");
    const run = await api.send("POST", "/api/v1/runs", request);
    location.href = `/run.html?id=${run.id}`;
  } catch (e) {
    error.textContent = e.message;
  }
});

compare.addEventListener("click", () => {
  location.href = `/compare.html?runs=${[...picked].join(",")}`;
});
filter.addEventListener("change", refresh);
loadDatasets();
refresh();
setInterval(refresh, 3000);
