import { api, element } from "./api.js";

async function refresh() {
  const page = await api.get("/api/v1/studies?size=50");
  document.getElementById("studies").replaceChildren(...page.items.map((study) => element("tr", { "data-study": study.id },
    element("td", {}, String(study.id)),
    element("td", {}, element("a", { href: `/study.html?id=${study.id}` }, study.name)),
    element("td", {}, element("span", { class: `status ${study.status}` }, study.status)),
    element("td", {}, study.strategy),
    element("td", {}, String(study.configurations.length)),
    element("td", {}, String(study.configurations.reduce((sum, c) => sum + c.runs.length, 0))),
    element("td", {}, study.best !== null ? study.configurations[study.best].label : "–"))));
}

document.getElementById("launch").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = document.getElementById("launch-error");
  error.textContent = "";
  try {
    const request = JSON.parse(new FormData(event.target).get("study"));
    const study = await api.send("POST", "/api/v1/studies", request);
    location.href = `/study.html?id=${study.id}`;
  } catch (e) {
    error.textContent = e.message;
  }
});

refresh();
setInterval(refresh, 5000);
