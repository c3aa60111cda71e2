// A small SVG line chart: series of {epoch, value} points on shared axes, redrawn whole
// whenever a point arrives (a run has at most a few thousand epochs).

const NS = "http://www.w3.org/2000/svg";
const WIDTH = 480, HEIGHT = 220, LEFT = 44, RIGHT = 12, TOP = 12, BOTTOM = 26;

function svg(tag, attributes) {
  const node = document.createElementNS(NS, tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  return node;
}

export class LineChart {
  constructor(container, title, series, { min, max } = {}) {
    this.series = series; // [{name, color, values: []}]
    this.fixed = { min, max };
    const figure = document.createElement("figure");
    figure.style.margin = "0";
    const caption = document.createElement("figcaption");
    caption.innerHTML = `<b>${title}</b> <span class="legend">${series
      .map((s) => `<span><i style="background:${s.color}"></i>${s.name}</span>`)
      .join("")}</span>`;
    this.root = svg("svg", { class: "chart", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, "data-title": title });
    figure.append(caption, this.root);
    container.append(figure);
    this.draw();
  }

  add(name, epoch, value) {
    if (value === null || value === undefined) return;
    const series = this.series.find((s) => s.name === name);
    const at = series.values.findIndex((p) => p.epoch === epoch);
    if (at >= 0) series.values[at] = { epoch, value };
    else series.values.push({ epoch, value });
    series.values.sort((a, b) => a.epoch - b.epoch);
    this.draw();
  }

  draw() {
    this.root.replaceChildren();
    const points = this.series.flatMap((s) => s.values);
    const epochs = points.map((p) => p.epoch);
    const values = points.map((p) => p.value);
    const x0 = 1, x1 = Math.max(2, ...epochs);
    const y0 = this.fixed.min ?? Math.min(0, ...values), y1 = this.fixed.max ?? Math.max(1e-9, ...values);
    const x = (e) => LEFT + ((e - x0) / (x1 - x0)) * (WIDTH - LEFT - RIGHT);
    const y = (v) => HEIGHT - BOTTOM - ((v - y0) / (y1 - y0 || 1)) * (HEIGHT - TOP - BOTTOM);
    this.root.append(svg("line", { class: "axis", x1: LEFT, y1: HEIGHT - BOTTOM, x2: WIDTH - RIGHT, y2: HEIGHT - BOTTOM }));
    this.root.append(svg("line", { class: "axis", x1: LEFT, y1: TOP, x2: LEFT, y2: HEIGHT - BOTTOM }));
    [y0, (y0 + y1) / 2, y1].forEach((v) => {
      const label = svg("text", { x: LEFT - 6, y: y(v) + 4, "text-anchor": "end" });
      label.textContent = Math.abs(y1 - y0) <= 1.0001 && y0 >= 0 ? v.toFixed(2) : v.toPrecision(3);
      this.root.append(label);
    });
    const last = svg("text", { x: WIDTH - RIGHT, y: HEIGHT - 8, "text-anchor": "end" });
    last.textContent = `epoch ${x1}`;
    this.root.append(last);
    this.series.forEach((s) => {
      if (s.values.length === 0) return;
      this.root.append(svg("polyline", {
        stroke: s.color,
        "data-series": s.name,
        "data-points": s.values.length,
        points: s.values.map((p) => `${x(p.epoch).toFixed(1)},${y(p.value).toFixed(1)}`).join(" "),
      }));
    });
  }
}
