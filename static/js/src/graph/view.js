/* GraphView: a sigma.js (WebGL) view over a graphology graph built from the interchange
 * format ({nodes: [{id, type, name}], edges: [{id, source, target, type, evidence}]}).
 * Colours come from the schema, sizes from degree or a centrality score, the layout is
 * ForceAtlas2 in a web worker. Used by the explorer, the profile page and the offline
 * export. The work is done in the modules beside this one; the class holds the state. */
import Graph from "graphology";
import Sigma from "sigma";
import { colorOf } from "../ag.js";
import { CAPTION_MAX_EDGES, CAPTION_RATIO, edgeAttributes, relationStyles, sigmaSettings, symmetricTypes } from "./appearance.js";
import { ensureVisible, fit, focusNode, neighbourToward, zoom } from "./camera.js";
import { bindEvents, markFirstRender } from "./events.js";
import { runLayout, stopLayout } from "./layout.js";
import { applySizes, placeFresh } from "./placement.js";
import { programs, softwareWebGL } from "./programs.js";
import { reduceEdge, reduceNode } from "./reducers.js";
import { reportPng, svgText } from "./svg.js";

export class GraphView {
  constructor(container, options) {
    this.container = container;
    this.options = Object.assign({ compact: false, onSelect: null, onExpand: null, onChange: null }, options);
    this.symmetric = symmetricTypes();
    this.styles = relationStyles();
    this.pinned = new Set();
    this.graph = new Graph({ multi: true, type: "mixed", allowSelfLoops: true });
    this.hovered = null;
    this.hoverNeighbours = new Set();
    this.selected = null;
    this.highlight = null; // {nodes: Set, edges: Set} while a path is shown
    this.sizeBy = "degree";
    this.scores = null; // node id -> centrality score, for sizeBy other than degree
    this.layout = null;
    this.layoutTimer = null;
    this.firstRenderAt = null;
    this.dragged = null;
    this.dragMoved = false;
    this.captionsOn = false;
    this.software = softwareWebGL();
    container.dataset.webgl = this.software ? "software" : "gpu";
    this.renderer = new Sigma(this.graph, container, sigmaSettings(this, programs(this.software)));
    markFirstRender(this);
    this.renderer.getCamera().on("updated", (st) => this.captions(st.ratio));
    bindEvents(this);
  }

  /** Edge captions on when zoomed in on a graph small enough to read them. */
  captions(ratio) {
    const on = ratio < CAPTION_RATIO && this.graph.size <= CAPTION_MAX_EDGES;
    if (on === this.captionsOn) return;
    this.captionsOn = on;
    this.renderer.refresh({ skipIndexation: true });
  }

  /* ---------- data ---------- */

  /** Add the nodes and edges not yet in the view; returns the ids that were added. */
  merge(data, near) {
    const g = this.graph;
    const added = [];
    const anchor = near && g.hasNode(near) ? g.getNodeAttributes(near) : null;
    const spread = this.spread();
    for (const n of data.nodes || []) {
      const look = { label: n.name, nodeType: n.type, color: colorOf(n.type) };
      if (g.hasNode(n.id)) {
        g.mergeNodeAttributes(n.id, look);
        continue;
      }
      g.addNode(n.id, { ...look, x: 0, y: 0, size: 4, fresh: true });
      added.push(n.id);
    }
    for (const e of data.edges || []) {
      if (g.hasEdge(e.id) || !g.hasNode(e.source) || !g.hasNode(e.target)) continue;
      const attrs = edgeAttributes(e, this.styles, this.symmetric);
      if (this.symmetric.has(e.type)) g.addUndirectedEdgeWithKey(e.id, e.source, e.target, attrs);
      else g.addDirectedEdgeWithKey(e.id, e.source, e.target, attrs);
    }
    placeFresh(g, anchor, spread);
    this.resize();
    this.changed();
    return added;
  }

  /** Make the view hold exactly this graph, keeping the positions of nodes that stay. */
  replace(data) {
    const keep = new Set((data.nodes || []).map((n) => n.id));
    const edges = new Set((data.edges || []).map((e) => e.id));
    this.graph.forEachEdge((e) => {
      if (!edges.has(e)) this.graph.dropEdge(e);
    });
    this.graph.forEachNode((n) => {
      if (!keep.has(n)) this.graph.dropNode(n);
    });
    this.forgetMissing();
    return this.merge(data);
  }

  /** The view's graph (nodes, edges, positions) as a plain object: an undo step. */
  snapshot() {
    return this.graph.export();
  }

  /** Back to a snapshot taken earlier. */
  restore(snap) {
    this.stopLayout();
    this.graph.clear();
    this.graph.import(snap);
    if (this.selected && !this.graph.hasNode(this.selected)) this.selected = null;
    this.hovered = null;
    this.resize();
    this.changed();
  }

  /** Take nodes (and their edges) out of the view. */
  remove(ids) {
    for (const id of ids) if (this.graph.hasNode(id)) this.graph.dropNode(id);
    this.forgetMissing();
    this.resize();
    this.changed();
  }

  forgetMissing() {
    if (this.selected && !this.graph.hasNode(this.selected)) this.selected = null;
    if (this.hovered && !this.graph.hasNode(this.hovered)) this.hovered = null;
  }

  clear() {
    this.stopLayout();
    this.graph.clear();
    this.selected = null;
    this.hovered = null;
    this.highlight = null;
    this.changed();
  }

  spread() {
    return Math.max(10, Math.sqrt(Math.max(this.graph.order, 1)) * 10);
  }

  changed() {
    this.container.dataset.nodeCount = String(this.graph.order);
    this.container.dataset.edgeCount = String(this.graph.size);
    if (this.options.onChange) this.options.onChange();
  }

  /* ---------- sizes, highlight, hover, selection ---------- */

  setSizeBy(metric, scores) {
    this.sizeBy = metric;
    this.scores = scores || null;
    this.resize();
  }

  resize() {
    applySizes(this);
  }

  reduceNode(node, data) {
    return reduceNode(this, node, data);
  }

  reduceEdge(edge, data) {
    return reduceEdge(this, edge, data);
  }

  setHovered(node) {
    this.hovered = node;
    this.hoverNeighbours = node ? new Set(this.graph.neighbors(node)) : new Set();
    this.renderer.refresh({ skipIndexation: true });
  }

  select(node) {
    this.selected = node && this.graph.hasNode(node) ? node : null;
    this.renderer.refresh({ skipIndexation: true });
  }

  /** Highlight paths: {nodes: [ids], edges: [ids]}; null to clear. */
  setHighlight(paths) {
    this.highlight = paths ? { nodes: new Set(paths.nodes), edges: new Set(paths.edges) } : null;
    this.container.dataset.highlighted = paths ? String(this.highlight.nodes.size) : "0";
    this.renderer.refresh({ skipIndexation: true });
  }

  /* ---------- camera and layout (camera.js, layout.js) ---------- */

  focusNode(node, ratio) { focusNode(this, node, ratio); }
  fit(inset) { fit(this, inset); }
  ensureVisible(node, inset) { ensureVisible(this, node, inset); }
  zoom(factor) { zoom(this, factor); }
  neighbourToward(node, dx, dy) { return neighbourToward(this, node, dx, dy); }
  runLayout(ms) { runLayout(this, ms); }
  stopLayout() { stopLayout(this); }

  isLayoutRunning() {
    return Boolean(this.layout && this.layout.isRunning());
  }

  /* ---------- pins: a dragged node stays where it was put, layouts included ---------- */

  pin(node, on) {
    if (!this.graph.hasNode(node)) return;
    this.graph.setNodeAttribute(node, "fixed", Boolean(on));
    if (on) this.pinned.add(node);
    else this.pinned.delete(node);
    this.container.dataset.pinned = String(this.pinned.size);
    if (this.options.onPin) this.options.onPin(node, Boolean(on));
  }

  /** Pinned nodes and their positions: [[id, x, y], ...] (graph coordinates). */
  pins() {
    return [...this.pinned].filter((n) => this.graph.hasNode(n)).map((n) => {
      const a = this.graph.getNodeAttributes(n);
      return [n, Math.round(a.x * 10) / 10, Math.round(a.y * 10) / 10];
    });
  }

  applyPins(pins) {
    for (const [n, x, y] of pins || []) {
      if (!this.graph.hasNode(n)) continue;
      this.graph.mergeNodeAttributes(n, { x, y, fixed: true });
      this.pinned.add(n);
    }
    this.container.dataset.pinned = String(this.pinned.size);
  }

  /* ---------- export (svg.js) ---------- */

  svgText(opts) { return svgText(this, opts); }
  reportPng(opts) { return reportPng(this, opts); }

  kill() {
    this.stopLayout();
    this.renderer.kill();
  }
}
