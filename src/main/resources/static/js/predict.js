import { api, element } from "./api.js";

const form = document.getElementById("predict");
const model = form.elements.model;
const drop = document.getElementById("drop");
const query = new URLSearchParams(location.search).get("model");
if (query) model.value = query;

async function loadAliases() {
  const versions = await api.get("/api/v1/models");
  document.getElementById("aliases").replaceChildren(
    ...versions.map((v) => element("option", { value: v.alias }, `v${v.version}, run ${v.runId}`)));
}

async function predict(file) {
  const error = document.getElementById("predict-error");
  error.textContent = "";
  try {
    const answer = await api.upload(`/api/v1/predict?model=${encodeURIComponent(model.value)}`, [file]);
    document.getElementById("preview").src = URL.createObjectURL(file);
    document.getElementById("bars").replaceChildren(...answer.predictions[0].top5.map((p) =>
      element("div", { class: "bar", "data-label": p.label },
        element("span", {}, p.label),
        element("span", {}, element("span", { class: "fill", style: `width: ${(100 * p.probability).toFixed(1)}%` })),
        element("span", {}, `${(100 * p.probability).toFixed(1)}%`))));
    const m = answer.model;
    document.getElementById("served").textContent =
      `${m.name}${m.version ? ` v${m.version}` : ""} · run ${m.runId}, epoch ${m.epoch} · ` +
      `checkpoint ${m.sha256.slice(0, 12)} · ${answer.timing.totalMs} ms`;
    document.getElementById("answer").hidden = false;
  } catch (e) {
    error.textContent = e.message;
  }
}

document.getElementById("image").addEventListener("change", (event) => {
  if (event.target.files.length) predict(event.target.files[0]);
});
drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  if (event.dataTransfer.files.length) predict(event.dataTransfer.files[0]);
});
loadAliases();
