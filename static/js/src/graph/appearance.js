/* How the graph looks: colours, relation styles from the schema, edge thickness, labels
 * with a halo, and sigma's settings. */
import { schema } from "../ag.js";

export const EDGE = "#c4cbd6";
export const EDGE_BIG = "#d9dee6";
export const FADED = "#e3e6eb";
export const PATH = "#d1342f";

// Edge captions show for the hovered node's edges, and for all edges once zoomed in this far.
export const CAPTION_RATIO = 0.45;
export const CAPTION_MAX_EDGES = 1500;

/** Labels with a white halo, readable over edges. */
function drawLabel(ctx, data, settings) {
  if (!data.label) return;
  const size = settings.labelSize;
  ctx.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const x = data.x + data.size + 3;
  const y = data.y + size / 3;
  ctx.lineJoin = "round";
  ctx.lineWidth = 3;
  ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
  ctx.strokeText(data.label, x, y);
  ctx.fillStyle = "#1d2330";
  ctx.fillText(data.label, x, y);
}

export function symmetricTypes() {
  const set = new Set();
  for (const r of schema.relations) if (r.symmetric) set.add(r.name);
  return set;
}

/** Relation type -> {color, dash, label} from the schema, for edges, legends and exports. */
export function relationStyles() {
  const map = new Map();
  for (const r of schema.relations) {
    map.set(r.name, { color: r.color || EDGE, dash: r.dash || "solid", label: r.label || r.name, symmetric: r.symmetric });
  }
  return map;
}

/** How many documents support an edge: API edges carry a summary (or their evidence), the
 * page's first view a count. Thickness grows with it, slowly. */
function supportOf(e) {
  if (e.summary) return e.summary.documents || 1;
  if (Array.isArray(e.evidence)) return new Set(e.evidence.map((v) => v.document)).size || 1;
  return Math.max(1, Number(e.documents || e.evidence) || 1);
}

/** The graphology attributes of an interchange-format edge. */
export function edgeAttributes(e, styles, symmetric) {
  const support = supportOf(e);
  const style = styles.get(e.type) || { color: EDGE, label: e.type };
  return {
    relType: e.type,
    role: e.role || null,
    evidence: e.summary ? e.summary.evidence : Array.isArray(e.evidence) ? e.evidence.length : e.evidence || 0,
    support,
    baseColor: style.color,
    caption: style.label + (e.role ? ` (${e.role})` : ""),
    size: 1.2 + Math.min(3.5, Math.log2(support) * 1.2),
    type: symmetric.has(e.type) ? "line" : "arrow",
  };
}

/** A lighter tone of a colour, for big graphs where thousands of edges overlap. */
export function fade(hex) {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return EDGE_BIG;
  const v = parseInt(m[1], 16);
  const mix = (c) => Math.round(c + (255 - c) * 0.55);
  const r = mix((v >> 16) & 255), g = mix((v >> 8) & 255), b = mix(v & 255);
  return "#" + ((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1);
}

/** Sigma's settings for a view; the reducers are the view's own. */
export function sigmaSettings(view, progs) {
  const font = getComputedStyle(document.body).fontFamily;
  return {
    allowInvalidContainer: true,
    renderEdgeLabels: true,
    edgeLabelSize: 11,
    edgeLabelColor: { color: "#3b4252" },
    edgeLabelFont: font,
    defaultEdgeType: "line",
    edgeProgramClasses: progs.edges,
    ...(view.software ? { nodeProgramClasses: progs.nodes } : {}),
    labelFont: font,
    labelSize: 13,
    labelWeight: "500",
    labelColor: { color: "#1d2330" },
    defaultDrawNodeLabel: drawLabel,
    labelDensity: 0.12,
    labelGridCellSize: 90,
    labelRenderedSizeThreshold: 7,
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 12,
    stagePadding: view.options.compact ? 30 : 50,
    nodeReducer: (node, data) => view.reduceNode(node, data),
    edgeReducer: (edge, data) => view.reduceEdge(edge, data),
  };
}
