import { api, element, percent } from "./api.js";
import { LineChart } from "./chart.js";

const id = new URLSearchParams(location.search).get("id");
const charts = document.getElementById("charts");
const accuracy = new LineChart(charts, "Validation accuracy (EMA)", [
  { name: "top-1", color: "#3559e0" },
  { name: "top-5", color: "#1a7f4b" },
], { min: 0, max: 1 });
const losses = new LineChart(charts, "Training losses", [
  { name: "total", color: "#1d2330" },
  { name: "L_x", color: "#3559e0" },
  { name: "L_u", color: "#b54708" },
  { name: "L_sim", color: "#7a2e8e" },
]);

function showRun(run) {
  document.title = `SimMixMatch · ${run.name}`;
  document.getElementById("title").textContent = `#${run.id} ${run.name} · ${run.algorithm} on ${run.datasetId}`;
  const status = document.getElementById("status");
  status.textContent = run.status;
  status.className = `status ${run.status}`;
  const p = run.progress;
  document.getElementById("progress").textContent =
    `epoch ${p.epoch}/${p.totalEpochs}, step ${p.step}/${p.totalSteps} (${p.percent.toFixed(0)}%)`;
  document.getElementById("speed").textContent = p.imagesPerSecond ? p.imagesPerSecond.toFixed(0) : "–";
  document.getElementById("eta").textContent = p.etaSeconds !== null ? `${p.etaSeconds} s` : "–";
  document.getElementById("estimate").textContent = run.estimate
    ? `${run.estimate.minutes.toFixed(1)} min at ${run.estimate.imagesPerSecond.toFixed(0)} images/s` : "–";
  document.getElementById("best-top1").textContent = percent(run.best.top1);
  document.getElementById("best-top5").textContent = percent(run.best.top5);
  document.getElementById("test").textContent = run.test ? `${percent(run.test.top1)} / ${percent(run.test.top5)}` : "–";
  document.getElementById("worker").textContent =
    run.execution.worker ? `${run.execution.worker} (${run.execution.devices})` : "–";
  document.getElementById("error").textContent = run.error ?? "";
  document.getElementById("cancel").hidden = !["QUEUED", "RUNNING"].includes(run.status);
  showClasses(run.classes);
  if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(run.status)) {
    loadCheckpoints();
  }
}

// The confusion matrix as a heat map: right guesses in blue on the diagonal, confusions
// in red, each shaded by its share of the true class's images.
function showClasses(classes) {
  document.getElementById("classes").hidden = !classes;
  if (!classes) return;
  document.getElementById("classes-split").textContent = classes.split;
  document.getElementById("balanced").textContent = percent(classes.balancedAccuracy);
  const names = classes.classes.map((c) => c.name);
  const head = element("tr", {}, element("th", {}, "class \\ taken for"),
    ...names.map((name) => element("th", { class: "guess", title: name }, element("span", {}, name))),
    element("th", {}, "accuracy"));
  const rows = classes.confusion.map((row, truth) => {
    const own = classes.classes[truth];
    return element("tr", { "data-class": own.name }, element("th", {}, own.name),
      ...row.map((count, guess) => {
        const share = own.images ? count / own.images : 0;
        const colour = truth === guess ? "53, 89, 224" : "180, 35, 24";
        return element("td", {
          style: `background: rgba(${colour}, ${share.toFixed(3)}); color: ${share > 0.6 ? "#fff" : "inherit"}`,
          title: `${own.name} taken for ${names[guess]}: ${count} of ${own.images}`,
        }, count ? String(count) : "");
      }),
      element("td", {}, percent(own.accuracy)));
  });
  document.getElementById("confusion").replaceChildren(element("thead", {}, head), element("tbody", {}, ...rows));
}

function showEpoch(metric) {
  accuracy.add("top-1", metric.epoch, metric.valTop1);
  accuracy.add("top-5", metric.epoch, metric.valTop5);
  losses.add("total", metric.epoch, metric.loss);
  losses.add("L_x", metric.epoch, metric.lossX);
  losses.add("L_u", metric.epoch, metric.lossU);
  losses.add("L_sim", metric.epoch, metric.lossSim);
  loadCheckpoints();
}

async function loadCheckpoints() {
  const checkpoints = await api.get(`/api/v1/runs/${id}/checkpoints`);
  document.getElementById("checkpoints").replaceChildren(...checkpoints.map((c) => element("tr", { "data-kind": c.kind },
    element("td", {}, c.kind), element("td", {}, String(c.epoch)), element("td", {}, String(c.step)),
    element("td", {}, percent(c.valTop1)), element("td", {}, percent(c.valTop5)),
    element("td", {}, `${(c.sizeBytes / 1048576).toFixed(1)} MiB`),
    element("td", {}, element("a", { href: `/api/v1/runs/${id}/checkpoints/${c.id}/file` }, "checkpoint"), " · ",
      element("a", { href: `/api/v1/runs/${id}/checkpoints/${c.id}/model.onnx`, class: "onnx" }, "ONNX")))));
}

document.getElementById("cancel").addEventListener("click", () => api.send("POST", `/api/v1/runs/${id}/cancel`));

document.getElementById("promote").addEventListener("submit", async (event) => {
  event.preventDefault();
  const alias = new FormData(event.target).get("alias");
  const out = document.getElementById("promoted");
  try {
    const version = await api.send("PUT", `/api/v1/models/${alias}`, { runId: Number(id) });
    out.className = "wide";
    out.textContent = `${version.alias} v${version.version} now serves epoch ${version.epoch} of run ${version.runId} ` +
      `(validation top-1 ${percent(version.valTop1)}).`;
    out.append(" ", element("a", { href: `/predict.html?model=${version.alias}` }, "Try it"));
  } catch (e) {
    out.className = "wide error";
    out.textContent = e.message;
  }
});

// The stream starts with the run and its curve so far, then follows it until it ends.
const events = api.events(`/api/v1/runs/${id}/events`);
events.addEventListener("run", (event) => showRun(JSON.parse(event.data)));
events.addEventListener("epoch", (event) => showEpoch(JSON.parse(event.data)));
events.addEventListener("error", () => {
  events.close();
  api.get(`/api/v1/runs/${id}`).then(showRun);
});
loadCheckpoints();
