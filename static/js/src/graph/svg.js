/* The view as you see it, as a report picture: a title, the visible edges in their
 * relation colours and dashes with arrowheads on directed types, the nodes, the labels on
 * screen, and a legend of the node and relation types present. SVG, or PNG drawn from it. */
import { colorOf } from "../ag.js";
import { EDGE } from "./appearance.js";

const NS = "http://www.w3.org/2000/svg";
const LEGEND_W = 190;

function make(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function dashed(line, dash) {
  if (dash === "dashed") line.setAttribute("stroke-dasharray", "6 4");
  if (dash === "dotted") line.setAttribute("stroke-dasharray", "1.5 3");
}

const nameOf = (graph, n) => graph.getNodeAttribute(n, "label") || n;

/** Screen positions of the visible nodes, and the node types among them. */
function placedNodes(view, head) {
  const r = view.renderer;
  const pos = new Map();
  const nodeTypes = new Map();
  view.graph.forEachNode((n, attrs) => {
    const d = r.getNodeDisplayData(n);
    if (!d || d.hidden) return;
    const v = r.framedGraphToViewport(d);
    pos.set(n, { x: v.x, y: v.y + head, size: r.scaleSize(d.size), color: d.color, label: d.label, zIndex: d.zIndex || 0 });
    nodeTypes.set(attrs.nodeType, colorOf(attrs.nodeType));
  });
  return { pos, nodeTypes };
}

/** The visible edges as <line>s, and the relation types among them. */
function edgeLines(view, pos) {
  const r = view.renderer;
  const relTypes = new Map();
  const lines = [];
  view.graph.forEachEdge((e, attrs, s, t) => {
    const d = r.getEdgeDisplayData(e);
    if (!d || d.hidden || !pos.has(s) || !pos.has(t)) return;
    const style = view.styles.get(attrs.relType) || { color: EDGE, dash: "solid", label: attrs.relType };
    relTypes.set(attrs.relType, style);
    const a = pos.get(s);
    const b = pos.get(t);
    // stop at the target's rim, so the arrowhead stays visible
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const cut = view.symmetric.has(attrs.relType) ? 0 : b.size + 1;
    const x2 = b.x - ((b.x - a.x) / len) * cut;
    const y2 = b.y - ((b.y - a.y) / len) * cut;
    const line = make("line", {
      x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: x2.toFixed(1), y2: y2.toFixed(1),
      stroke: d.color, "stroke-width": Math.max(0.8, r.scaleSize(d.size)).toFixed(2),
      "data-relation": attrs.relType,
    });
    dashed(line, style.dash);
    if (!view.symmetric.has(attrs.relType)) line.setAttribute("marker-end", `url(#arrow-${attrs.relType})`);
    line.append(make("title", {}, `${nameOf(view.graph, s)} ${style.label} ${nameOf(view.graph, t)}`));
    lines.push(line);
  });
  return { lines, relTypes };
}

function arrowMarkers(relTypes) {
  const defs = make("defs");
  for (const [type, style] of relTypes) {
    const marker = make("marker", { id: `arrow-${type}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" });
    marker.append(make("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: style.color }));
    defs.append(marker);
  }
  return defs;
}

/** Nodes, drawn in their z order, and the labels that are on screen. */
function nodeGroups(view, pos) {
  const nodes = make("g", { class: "nodes" });
  const labels = make("g", { "font-size": 13, fill: "#1d2330", class: "labels", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke", "stroke-linejoin": "round" });
  const shown = new Set(view.renderer.getNodeDisplayedLabels());
  [...pos.entries()]
    .sort((x, y) => x[1].zIndex - y[1].zIndex)
    .forEach(([n, p]) => {
      const c = make("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: p.size.toFixed(1), fill: p.color, stroke: "#ffffff", "stroke-width": 0.8 });
      c.append(make("title", {}, p.label || n));
      nodes.append(c);
      if (p.label && shown.has(n)) labels.append(make("text", { x: (p.x + p.size + 3).toFixed(1), y: (p.y + 4).toFixed(1) }, p.label));
    });
  return [nodes, labels];
}

function legend(view, nodeTypes, relTypes, width, svgH) {
  const rows = nodeTypes.size + relTypes.size + (nodeTypes.size && relTypes.size ? 1 : 0);
  if (!rows) return null;
  const legendH = 16 + rows * 18;
  const lg = make("g", { class: "legend", transform: `translate(${width - LEGEND_W - 12}, ${svgH - legendH - 12})`, "font-size": 11, fill: "#1d2330" });
  lg.append(make("rect", { width: LEGEND_W, height: legendH, rx: 6, fill: "#ffffff", "fill-opacity": 0.92, stroke: "#dde2e8" }));
  let y = 18;
  for (const [type, color] of nodeTypes) {
    lg.append(make("rect", { x: 11, y: y - 9, width: 10, height: 10, rx: 5, fill: color }));
    lg.append(make("text", { x: 30, y }, type));
    y += 18;
  }
  if (nodeTypes.size && relTypes.size) y += 18;
  for (const [type, style] of relTypes) {
    const line = make("line", { x1: 8, y1: y - 4, x2: 26, y2: y - 4, stroke: style.color, "stroke-width": 2.5 });
    dashed(line, style.dash);
    if (!view.symmetric.has(type)) line.setAttribute("marker-end", `url(#arrow-${type})`);
    lg.append(line, make("text", { x: 34, y }, style.label));
    y += 18;
  }
  return lg;
}

export function svgText(view, opts) {
  opts = opts || {};
  const { width, height } = view.renderer.getDimensions();
  const head = opts.title ? 44 : 0;
  const { pos, nodeTypes } = placedNodes(view, head);
  const { lines, relTypes } = edgeLines(view, pos);
  const svgH = height + head;
  const svg = make("svg", { xmlns: NS, width, height: svgH, viewBox: `0 0 ${width} ${svgH}`, "font-family": "Helvetica, Arial, sans-serif" });
  svg.append(make("rect", { width: "100%", height: "100%", fill: "#ffffff" }), arrowMarkers(relTypes));
  if (opts.title) {
    svg.append(make("text", { x: 16, y: 28, "font-size": 18, "font-weight": 700, fill: "#1d2330" }, opts.title));
    svg.append(make("text", { x: width - 16, y: 28, "font-size": 11, fill: "#5f6b7a", "text-anchor": "end" }, `${pos.size} actors · ${lines.length} relations · ${new Date().toISOString().slice(0, 10)}`));
  }
  const edges = make("g", { "stroke-linecap": "round", class: "edges" });
  edges.append(...lines);
  svg.append(edges, ...nodeGroups(view, pos));
  const lg = legend(view, nodeTypes, relTypes, width, svgH);
  if (lg) svg.append(lg);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
}

/** The report picture as PNG at `scale` times the screen's size (2 or 3 for print). */
export async function reportPng(view, opts) {
  const scale = Math.max(1, Math.min(4, (opts && opts.scale) || 2));
  const img = new Image();
  img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(view, opts));
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(img.naturalWidth * scale);
  canvas.height = Math.round(img.naturalHeight * scale);
  const ctx = canvas.getContext("2d");
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the browser could not encode the PNG"))), "image/png")
  );
}
