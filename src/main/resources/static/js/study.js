import { api, element, percent } from "./api.js";
import { LineChart, PALETTE } from "./chart.js";

const id = new URLSearchParams(location.search).get("id");
const chart = new LineChart(document.getElementById("charts"), "Validation top-1 (EMA) by run", [], { min: 0, max: 1 });
const seriesOfRun = new Map();
const pending = [];

const spread = (s) => (s.mean === null ? "–" : `${percent(s.mean)} ± ${s.sd === null ? "–" : percent(s.sd)}`);
const points = (value) => `${value >= 0 ? "+" : ""}${(100 * value).toFixed(1)}`;

function comparison(c) {
  const paired = c.againstBaseline;
  if (!paired) return "–";
  return `${points(paired.difference)} [${points(paired.low)}, ${points(paired.high)}] (${paired.pairs} seeds)`;
}

// One colour per configuration; each seed is a thin line of it.
function chartSeries(study) {
  study.configurations.forEach((c) => c.runs.forEach((run) => {
    const name = `${c.label} · seed ${run.seed}`;
    seriesOfRun.set(run.id, name);
    chart.addSeries({ name, color: PALETTE[c.index % PALETTE.length], width: 1.25 });
  }));
  pending.splice(0).forEach(showEpoch);
}

function showStudy(study) {
  document.title = `SimMixMatch · ${study.name}`;
  document.getElementById("title").textContent = `#${study.id} ${study.name} · on ${study.datasetId}`;
  const status = document.getElementById("status");
  status.textContent = study.status;
  status.className = `status ${study.status}`;
  document.getElementById("strategy").textContent = study.strategy;
  document.getElementById("metric").textContent = study.metric;
  document.getElementById("seeds").textContent = study.seeds.join(", ");
  document.getElementById("stopping").textContent = study.medianStopping ? "median rule" : "off";
  document.getElementById("csv").href = `/api/v1/studies/${study.id}`;
  document.getElementById("cancel").hidden = study.status === "ENDED" || study.cancelRequested;
  document.getElementById("configurations").replaceChildren(...study.configurations.map((c) => element("tr",
    { "data-configuration": c.index, class: c.index === study.best ? "best" : undefined },
    element("td", {}, c.label, c.index === study.baseline ? " (baseline)" : "", c.index === study.best ? " ★" : ""),
    element("td", { class: "seeds" }, c.runs.map((run) => element("a",
      { href: `/run.html?id=${run.id}`, class: `status ${run.status}`, title: run.stoppedEarly ?? run.status },
      `${run.seed}: ${run.top1 !== null ? percent(run.top1) : run.status}`))),
    element("td", {}, spread(c.top1)),
    element("td", {}, spread(c.balancedAccuracy)),
    element("td", {}, spread(c.top5)),
    element("td", {}, comparison(c)),
    element("td", {}, c.againstBaseline?.pValue != null ? c.againstBaseline.pValue.toFixed(3) : "–"),
    element("td", {}, c.wallSeconds !== null ? `${Math.round(c.wallSeconds)} s` : "–"),
    element("td", {}, c.imagesPerSecond !== null ? c.imagesPerSecond.toFixed(0) : "–"))));
  chartSeries(study);
}

function showEpoch(epoch) {
  const name = seriesOfRun.get(epoch.runId);
  if (name) chart.add(name, epoch.point.epoch, epoch.point.valTop1);
  else pending.push(epoch);
}

document.getElementById("csv").addEventListener("click", async (event) => {
  event.preventDefault();
  const csv = await api.blob(`/api/v1/studies/${id}`, "text/csv");
  const link = element("a", { href: URL.createObjectURL(csv), download: `study-${id}.csv` });
  link.click();
});
document.getElementById("cancel").addEventListener("click", () => api.send("POST", `/api/v1/studies/${id}/cancel`));

// The stream starts with the study and every curve so far, then follows it until it ends.
const events = api.events(`/api/v1/studies/${id}/events`);
events.addEventListener("study", (event) => showStudy(JSON.parse(event.data)));
events.addEventListener("epoch", (event) => showEpoch(JSON.parse(event.data)));
events.addEventListener("error", () => {
  events.close();
  api.get(`/api/v1/studies/${id}`).then(showStudy);
});
