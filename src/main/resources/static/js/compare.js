import { api, element, percent } from "./api.js";
import { LineChart, PALETTE } from "./chart.js";

const ids = (new URLSearchParams(location.search).get("runs") ?? "").split(",").filter(Boolean);
const charts = document.getElementById("charts");
const accuracy = new LineChart(charts, "Validation top-1 (EMA)", [], { min: 0, max: 1 });
const loss = new LineChart(charts, "Training loss", []);

async function show() {
  const runs = await Promise.all(ids.map((id) => api.get(`/api/v1/runs/${id}`)));
  document.getElementById("runs").replaceChildren(...runs.map((run) => element("tr", { "data-run": run.id },
    element("td", {}, String(run.id)),
    element("td", {}, element("a", { href: `/run.html?id=${run.id}` }, run.name)),
    element("td", {}, element("span", { class: `status ${run.status}` }, run.status)),
    element("td", {}, run.algorithm),
    element("td", {}, percent(run.best.top1)),
    element("td", {}, percent(run.test?.top1)),
    element("td", {}, percent(run.test?.top5)),
    element("td", {}, run.progress.imagesPerSecond ? run.progress.imagesPerSecond.toFixed(0) : "–"))));
  await Promise.all(runs.map(async (run, i) => {
    const name = `#${run.id} ${run.algorithm}`;
    const color = PALETTE[i % PALETTE.length];
    accuracy.addSeries({ name, color });
    loss.addSeries({ name, color });
    (await api.get(`/api/v1/runs/${run.id}/metrics`)).forEach((metric) => {
      accuracy.add(name, metric.epoch, metric.valTop1);
      loss.add(name, metric.epoch, metric.loss);
    });
  }));
}

show();
