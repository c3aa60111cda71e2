// Line charts on uPlot (bundled as a WebJar, served from the jar): series of (epoch,
// value) points on shared axes, with hover read-outs in the legend, drag to zoom and
// double-click to zoom out. Series may be added while points arrive; each one's point
// count is kept on a <data> element, for people's tools and the browser test.
import uPlot from "/webjars/uplot/1.6.30/dist/uPlot.esm.js";

const style = document.createElement("link");
style.rel = "stylesheet";
style.href = "/webjars/uplot/1.6.30/dist/uPlot.min.css";
document.head.append(style);

const HEIGHT = 240;

export const PALETTE = ["#3559e0", "#b54708", "#1a7f4b", "#7a2e8e", "#c4320a", "#0e7490", "#a16207", "#be185d"];

export class LineChart {
  constructor(container, title, series = [], { min, max } = {}) {
    this.series = [];
    this.range = { min, max };
    this.figure = document.createElement("figure");
    this.figure.className = "chart";
    this.figure.dataset.title = title;
    const caption = document.createElement("figcaption");
    caption.innerHTML = "<b></b>";
    caption.firstChild.textContent = title;
    this.counts = document.createElement("div");
    this.figure.append(caption, this.counts);
    container.append(this.figure);
    series.forEach((s) => this.addSeries(s));
    new ResizeObserver(() => this.plot?.setSize(this.size())).observe(this.figure);
  }

  // {name, color, width (px, default 2), dash ([on, off] px)}; a name already there is kept.
  addSeries({ name, color, width = 2, dash }) {
    if (this.series.some((s) => s.name === name)) return;
    const count = document.createElement("data");
    count.dataset.series = name;
    count.value = "0";
    this.counts.append(count);
    this.series.push({ name, color, width, dash, points: new Map(), count });
    this.plot?.destroy();
    this.plot = null;
    this.draw();
  }

  add(name, epoch, value) {
    if (value === null || value === undefined) return;
    const series = this.series.find((s) => s.name === name);
    series.points.set(epoch, value);
    series.count.value = String(series.points.size);
    this.draw();
  }

  size() {
    return { width: Math.max(280, this.figure.clientWidth), height: HEIGHT };
  }

  // uPlot wants one x array that every series shares: the union of their epochs, with
  // gaps where a series has no point.
  draw() {
    const epochs = [...new Set(this.series.flatMap((s) => [...s.points.keys()]))].sort((a, b) => a - b);
    const data = [epochs, ...this.series.map((s) => epochs.map((epoch) => s.points.get(epoch) ?? null))];
    if (this.plot) {
      this.plot.setData(data);
      return;
    }
    const { min, max } = this.range;
    this.plot = new uPlot({
      ...this.size(),
      scales: { x: { time: false }, y: min !== undefined ? { range: [min, max] } : {} },
      // Whole epochs only on the x axis.
      axes: [{ label: "epoch", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] }, {}],
      series: [
        { label: "epoch" },
        ...this.series.map((s) => ({
          label: s.name, stroke: s.color, width: s.width, dash: s.dash, spanGaps: true,
          value: (u, v) => (v === null || v === undefined ? "–" : v.toPrecision(4)),
        })),
      ],
      cursor: { drag: { x: true, y: false } },
    }, data, this.figure);
  }
}
