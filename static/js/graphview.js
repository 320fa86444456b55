/* GraphView: a sigma.js (WebGL) view over a graphology graph built from the interchange
 * format ({nodes: [{id, type, name}], edges: [{id, source, target, type, evidence}]}).
 * Colours come from the schema (AG.colors), sizes from degree or a centrality score, the
 * layout is ForceAtlas2 in a web worker. Used by the explorer and by the profile page. */
(function () {
  "use strict";

  const AG = window.AG;
  const L = window.ActorGraphLibs;

  const EDGE = "#c4cbd6";
  const EDGE_BIG = "#d9dee6";
  const FADED = "#e3e6eb";
  const PATH = "#d1342f";

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

  /* Software WebGL (SwiftShader, llvmpipe: VMs, remote desktops, headless machines) draws
   * instanced geometry many times slower than plain vertex arrays, so there the view
   * rebuilds sigma's programs without instancing: each item's attributes are written once
   * per vertex, together with the per-vertex constants. GPUs keep sigma's own programs. */
  function softwareWebGL() {
    try {
      const gl = document.createElement("canvas").getContext("webgl");
      const info = gl && gl.getExtension("WEBGL_debug_renderer_info");
      const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : "";
      return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(String(name));
    } catch (_) {
      return false;
    }
  }

  function withoutInstancing(Base) {
    const { getAttributesItemsCount } = L.programs;
    return class extends Base {
      getDefinition() {
        const def = super.getDefinition();
        if (!("CONSTANT_ATTRIBUTES" in def)) return def;
        const { CONSTANT_ATTRIBUTES, CONSTANT_DATA, ...rest } = def;
        return { ...rest, ATTRIBUTES: [...def.ATTRIBUTES, ...CONSTANT_ATTRIBUTES] };
      }

      expansion() {
        if (!this._expansion) {
          const def = super.getDefinition();
          const own = getAttributesItemsCount(def.ATTRIBUTES);
          this._expansion = { own, constants: def.CONSTANT_DATA, scratch: new Float32Array(own) };
        }
        return this._expansion;
      }

      // While the camera moves nobody hovers: skip the picking pass, half the work.
      render(params) {
        const r = this.renderer;
        const captor = r.getMouseCaptor();
        const moving = r.getCamera().isAnimated() || captor.isMoving || captor.draggedEvents;
        const pick = this.pickProgram;
        if (moving) this.pickProgram = null;
        try {
          super.render(params);
        } finally {
          this.pickProgram = pick;
        }
      }

      processVisibleItem(index, startIndex, ...rest) {
        const x = this.expansion();
        const array = this.array;
        this.array = x.scratch;
        super.processVisibleItem(index, 0, ...rest);
        this.array = array;
        let i = startIndex;
        for (let v = 0; v < this.VERTICES; v++) {
          for (let k = 0; k < x.own; k++) array[i++] = x.scratch[k];
          const c = x.constants[v];
          for (let k = 0; k < c.length; k++) array[i++] = c[k];
        }
      }
    };
  }

  function programs(software) {
    const P = L.programs;
    if (!software) {
      return { nodes: {}, edges: { line: L.EdgeRectangleProgram, arrow: L.EdgeArrowProgram } };
    }
    const arrow = P.createEdgeCompoundProgram([
      withoutInstancing(P.EdgeClampedProgram),
      withoutInstancing(P.EdgeArrowHeadProgram),
    ]);
    return {
      nodes: { circle: withoutInstancing(P.NodeCircleProgram) },
      edges: { line: withoutInstancing(P.EdgeRectangleProgram), arrow },
    };
  }

  function symmetricTypes() {
    const set = new Set();
    for (const r of AG.schema.relations) if (r.symmetric) set.add(r.name);
    return set;
  }

  /** Relation type -> {color, dash, label} from the schema, for edges, legends and exports. */
  function relationStyles() {
    const map = new Map();
    for (const r of AG.schema.relations) {
      map.set(r.name, { color: r.color || EDGE, dash: r.dash || "solid", label: r.label || r.name, symmetric: r.symmetric });
    }
    return map;
  }

  /** How many documents support an edge: API edges carry their evidence, the page's first
   * view a count. Thickness grows with it, slowly. */
  function supportOf(e) {
    if (Array.isArray(e.evidence)) return new Set(e.evidence.map((v) => v.document)).size || 1;
    return Math.max(1, Number(e.documents || e.evidence) || 1);
  }

  // Edge captions show for the hovered node's edges, and for all edges once zoomed in this far.
  const CAPTION_RATIO = 0.45;
  const CAPTION_MAX_EDGES = 1500;

  /** A lighter tone of a colour, for big graphs where thousands of edges overlap. */
  function fade(hex) {
    const m = /^#([0-9a-f]{6})$/i.exec(hex);
    if (!m) return EDGE_BIG;
    const v = parseInt(m[1], 16);
    const mix = (c) => Math.round(c + (255 - c) * 0.55);
    const r = mix((v >> 16) & 255), g = mix((v >> 8) & 255), b = mix(v & 255);
    return "#" + ((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1);
  }

  function label(graph, n) {
    return graph.getNodeAttribute(n, "label") || n;
  }

  class GraphView {
    constructor(container, options) {
      this.container = container;
      this.options = Object.assign({ compact: false, onSelect: null, onExpand: null, onChange: null }, options);
      this.symmetric = symmetricTypes();
      this.styles = relationStyles();
      this.pinned = new Set();
      this.graph = new L.Graph({ multi: true, type: "mixed", allowSelfLoops: true });
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

      const software = softwareWebGL();
      this.software = software;
      container.dataset.webgl = software ? "software" : "gpu";
      const progs = programs(software);
      this.renderer = new L.Sigma(this.graph, container, {
        allowInvalidContainer: true,
        renderEdgeLabels: true,
        edgeLabelSize: 11,
        edgeLabelColor: { color: "#3b4252" },
        edgeLabelFont: getComputedStyle(document.body).fontFamily,
        defaultEdgeType: "line",
        edgeProgramClasses: progs.edges,
        ...(software ? { nodeProgramClasses: progs.nodes } : {}),
        labelFont: getComputedStyle(document.body).fontFamily,
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
        stagePadding: this.options.compact ? 30 : 50,
        nodeReducer: (node, data) => this.reduceNode(node, data),
        edgeReducer: (edge, data) => this.reduceEdge(edge, data),
      });
      // The first frame that shows data (ms since navigation): what the benchmark reports.
      const firstData = () => {
        if (!this.graph.order) return;
        this.firstRenderAt = performance.now();
        container.dataset.firstRender = String(Math.round(this.firstRenderAt));
        this.renderer.off("afterRender", firstData);
      };
      this.renderer.on("afterRender", firstData);
      this.captionsOn = false;
      this.renderer.getCamera().on("updated", (st) => {
        const on = st.ratio < CAPTION_RATIO && this.graph.size <= CAPTION_MAX_EDGES;
        if (on !== this.captionsOn) {
          this.captionsOn = on;
          this.renderer.refresh({ skipIndexation: true });
        }
      });
      this.bindEvents();
    }

    /* ---------- data ---------- */

    /** Add the nodes and edges not yet in the view; returns the ids that were added. */
    merge(data, near) {
      const g = this.graph;
      const added = [];
      const anchor = near && g.hasNode(near) ? g.getNodeAttributes(near) : null;
      const spread = this.spread();
      for (const n of data.nodes || []) {
        if (g.hasNode(n.id)) {
          g.mergeNodeAttributes(n.id, { label: n.name, nodeType: n.type, color: AG.colorOf(n.type) });
          continue;
        }
        g.addNode(n.id, {
          label: n.name,
          nodeType: n.type,
          color: AG.colorOf(n.type),
          x: 0,
          y: 0,
          size: 4,
          fresh: true,
        });
        added.push(n.id);
      }
      for (const e of data.edges || []) {
        if (g.hasEdge(e.id) || !g.hasNode(e.source) || !g.hasNode(e.target)) continue;
        const support = supportOf(e);
        const style = this.styles.get(e.type) || { color: EDGE, label: e.type };
        const attrs = {
          relType: e.type,
          role: e.role || null,
          evidence: Array.isArray(e.evidence) ? e.evidence.length : e.evidence || 0,
          support,
          baseColor: style.color,
          caption: style.label + (e.role ? ` (${e.role})` : ""),
          size: 1.2 + Math.min(3.5, Math.log2(support) * 1.2),
          type: this.symmetric.has(e.type) ? "line" : "arrow",
        };
        if (this.symmetric.has(e.type)) g.addUndirectedEdgeWithKey(e.id, e.source, e.target, attrs);
        else g.addDirectedEdgeWithKey(e.id, e.source, e.target, attrs);
      }
      this.placeFresh(anchor, spread);
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
      if (this.selected && !this.graph.hasNode(this.selected)) this.selected = null;
      if (this.hovered && !this.graph.hasNode(this.hovered)) this.hovered = null;
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
      if (this.selected && !this.graph.hasNode(this.selected)) this.selected = null;
      if (this.hovered && !this.graph.hasNode(this.hovered)) this.hovered = null;
      this.resize();
      this.changed();
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

    /** New nodes go next to a placed neighbour (or the anchor), else on a disc. */
    placeFresh(anchor, spread) {
      const g = this.graph;
      const fresh = g.filterNodes((_, a) => a.fresh);
      if (!fresh.length) return;
      const placedBefore = g.order - fresh.length;
      const radius = placedBefore ? spread / 3 : Math.sqrt(fresh.length) * 10;
      // Several passes so chains of new nodes grow out of already placed ones.
      let pending = fresh;
      for (let pass = 0; pass < 3 && pending.length; pass++) {
        const still = [];
        for (const id of pending) {
          let px = 0;
          let py = 0;
          let k = 0;
          g.forEachNeighbor(id, (_, a) => {
            if (!a.fresh) {
              px += a.x;
              py += a.y;
              k++;
            }
          });
          if (!k && anchor) {
            px = anchor.x;
            py = anchor.y;
            k = 1;
          }
          if (k) {
            const angle = Math.random() * 2 * Math.PI;
            const r = (0.3 + Math.random() * 0.7) * Math.max(radius / 4, 8);
            g.mergeNodeAttributes(id, { x: px / k + r * Math.cos(angle), y: py / k + r * Math.sin(angle), fresh: false });
          } else still.push(id);
        }
        if (still.length === pending.length) break;
        pending = still;
      }
      pending.forEach((id, i) => {
        // spread evenly over a disc (golden angle), a fair start for ForceAtlas2
        const angle = i * 2.399963;
        const r = radius * Math.sqrt((i + 0.5) / pending.length);
        g.mergeNodeAttributes(id, { x: r * Math.cos(angle), y: r * Math.sin(angle), fresh: false });
      });
    }

    /* ---------- sizes ---------- */

    setSizeBy(metric, scores) {
      this.sizeBy = metric;
      this.scores = scores || null;
      this.resize();
    }

    resize() {
      const g = this.graph;
      if (!g.order) return;
      const compact = this.options.compact;
      const big = g.order > 2000;
      const min = big ? 1.5 : compact ? 4 : 4.5;
      const max = big ? 12 : compact ? 14 : 22;
      const value = (n) => {
        if (this.sizeBy !== "degree" && this.scores) return this.scores.get(n) || 0;
        return g.degree(n);
      };
      let top = 0;
      g.forEachNode((n) => {
        top = Math.max(top, value(n));
      });
      // No update hints: sigma then re-indexes, which nodes added in this same tick need.
      g.updateEachNodeAttributes((n, a) => {
        a.size = min + (max - min) * (top > 0 ? Math.sqrt(value(n) / top) : 0);
        return a;
      });
      // Big graphs drop their edges while the camera moves, so panning stays fluid; the
      // threshold is far lower where WebGL runs on the CPU.
      this.renderer.setSetting("hideEdgesOnMove", g.size > (this.software ? 3000 : 60000));
      // Small graphs can show every label; big ones only the larger nodes'.
      this.renderer.setSetting("labelDensity", g.order < 150 ? 0.6 : g.order < 1000 ? 0.3 : 0.1);
      this.renderer.setSetting("labelRenderedSizeThreshold", g.order < 150 ? 0 : compact ? 8 : 9);
    }

    /* ---------- highlight, hover, selection ---------- */

    reduceNode(node, data) {
      const res = { ...data };
      if (this.highlight) {
        if (this.highlight.nodes.has(node)) {
          res.forceLabel = true;
          res.zIndex = 2;
        } else {
          res.color = FADED;
          res.label = "";
          res.zIndex = 0;
        }
      }
      if (this.hovered) {
        if (node === this.hovered || this.hoverNeighbours.has(node)) {
          res.forceLabel = true;
          res.zIndex = 3;
        } else if (!this.highlight || !this.highlight.nodes.has(node)) {
          res.color = FADED;
          res.label = "";
        }
      }
      if (node === this.selected) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 4;
      }
      return res;
    }

    reduceEdge(edge, data) {
      const g = this.graph;
      const res = { ...data, color: g.size > 3000 ? fade(data.baseColor || EDGE) : data.baseColor || EDGE, label: null };
      if (this.captionsOn) res.label = data.caption;
      if (this.highlight) {
        if (this.highlight.edges.has(edge)) {
          res.color = PATH;
          res.size = 3;
          res.zIndex = 2;
        } else res.color = "#eceef2";
      }
      if (this.hovered) {
        const [s, t] = g.extremities(edge);
        if (s === this.hovered || t === this.hovered) {
          res.color = this.highlight && this.highlight.edges.has(edge) ? PATH : data.baseColor || "#5b6476";
          res.size = Math.max(res.size, 1.6);
          res.zIndex = 3;
          res.label = data.caption;
        } else if (!this.highlight || !this.highlight.edges.has(edge)) res.hidden = true;
      }
      return res;
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

    /* ---------- camera ---------- */

    focusNode(node, ratio) {
      if (!this.graph.hasNode(node)) return;
      const d = this.renderer.getNodeDisplayData(node);
      if (!d) return;
      this.renderer.getCamera().animate({ x: d.x, y: d.y, ratio: ratio || 0.6 }, { duration: 450 });
    }

    /** Fit the whole graph into the part of the view that `inset` pixels on the right (an
     * open side panel) leave visible. */
    fit(inset) {
      const camera = this.renderer.getCamera();
      const { width } = this.renderer.getDimensions();
      const visible = width - (inset || 0);
      if (!inset || visible < width * 0.3) {
        camera.animatedReset({ duration: 350 });
        return;
      }
      const ratio = width / visible;
      camera.animate({ x: 0.5 + (inset / 2 / width) * ratio, y: 0.5, ratio, angle: 0 }, { duration: 350 });
    }

    /** Pan (never zoom) so the node is in the visible part of the view, if it is not. */
    ensureVisible(node, inset) {
      if (!this.graph.hasNode(node)) return;
      const r = this.renderer;
      const { width, height } = r.getDimensions();
      const right = width - (inset || 0);
      const p = r.graphToViewport(this.graph.getNodeAttributes(node));
      const margin = 40;
      if (p.x > margin && p.x < right - margin && p.y > margin && p.y < height - margin) return;
      const camera = r.getCamera();
      // the camera moves by what separates the node from the visible area's centre
      const at = r.viewportToFramedGraph(p);
      const want = r.viewportToFramedGraph({ x: right / 2, y: height / 2 });
      camera.animate({ x: camera.x + (at.x - want.x), y: camera.y + (at.y - want.y) }, { duration: 400 });
    }

    zoom(factor) {
      const camera = this.renderer.getCamera();
      if (factor > 1) camera.animatedZoom({ duration: 250, factor });
      else camera.animatedUnzoom({ duration: 250, factor: 1 / factor });
    }

    /* ---------- layout ---------- */

    /** ForceAtlas2: a few synchronous steps for small graphs, then the worker for `ms`. */
    runLayout(ms) {
      const g = this.graph;
      if (g.order < 2) return;
      this.stopLayout();
      const settings = L.forceAtlas2.inferSettings(g);
      settings.barnesHutOptimize = g.order > 400;
      // Small graphs: spread out so that labels have room.
      if (g.order <= 400) {
        settings.scalingRatio = 14;
        settings.gravity = 0.6;
        settings.slowDown = 3;
        L.forceAtlas2.assign(g, { iterations: 150, settings });
      }
      this.layout = new L.FA2Layout(g, { settings });
      this.layout.start();
      this.layoutState(true);
      const duration = ms || Math.min(2000 + g.order * 2, 15000);
      this.layoutTimer = setTimeout(() => this.stopLayout(), duration);
    }

    stopLayout() {
      clearTimeout(this.layoutTimer);
      if (this.layout) {
        this.layout.kill();
        this.layout = null;
      }
      this.layoutState(false);
    }

    isLayoutRunning() {
      return Boolean(this.layout && this.layout.isRunning());
    }

    layoutState(running) {
      this.container.dataset.layout = running ? "running" : "stopped";
      if (this.options.onLayout) this.options.onLayout(running);
    }

    /* ---------- events ---------- */

    bindEvents() {
      const r = this.renderer;
      r.on("enterNode", ({ node }) => {
        if (!this.dragged) this.setHovered(node);
        this.container.style.cursor = "pointer";
      });
      r.on("leaveNode", () => {
        if (!this.dragged) this.setHovered(null);
        this.container.style.cursor = "";
      });
      r.on("clickNode", ({ node }) => {
        if (this.dragMoved) return;
        if (this.options.onSelect) this.options.onSelect(node);
      });
      r.on("doubleClickNode", (e) => {
        e.event.preventSigmaDefault();
        if (this.options.onExpand) this.options.onExpand(e.node);
      });
      r.on("clickStage", () => {
        if (this.options.onSelect) this.options.onSelect(null);
      });
      // Dragging a node moves it (and pins it until the next layout run).
      r.on("downNode", (e) => {
        this.dragged = e.node;
        this.dragMoved = false;
        if (!r.getCustomBBox()) r.setCustomBBox(r.getBBox());
      });
      const captor = r.getMouseCaptor();
      captor.on("mousemovebody", (e) => {
        if (!this.dragged) return;
        this.dragMoved = true;
        const p = r.viewportToGraph(e);
        this.graph.mergeNodeAttributes(this.dragged, { x: p.x, y: p.y });
        e.preventSigmaDefault();
        e.original.preventDefault();
        e.original.stopPropagation();
      });
      captor.on("mouseup", () => {
        if (this.dragged) {
          if (this.dragMoved) this.pin(this.dragged, true);
          this.dragged = null;
          r.setCustomBBox(null);
          setTimeout(() => {
            this.dragMoved = false;
          }, 0);
        }
      });
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

    /** The neighbour of `node` that lies most in the direction (dx, dy) on screen. */
    neighbourToward(node, dx, dy) {
      if (!this.graph.hasNode(node)) return null;
      const r = this.renderer;
      const at = (n) => r.graphToViewport(this.graph.getNodeAttributes(n));
      const from = at(node);
      let best = null;
      let bestScore = -Infinity;
      this.graph.forEachNeighbor(node, (n) => {
        const p = at(n);
        const vx = p.x - from.x;
        const vy = p.y - from.y;
        const len = Math.hypot(vx, vy) || 1;
        const score = (vx * dx + vy * dy) / len - len / 5000;
        if (score > bestScore) {
          bestScore = score;
          best = n;
        }
      });
      return best;
    }

    changed() {
      this.container.dataset.nodeCount = String(this.graph.order);
      this.container.dataset.edgeCount = String(this.graph.size);
      if (this.options.onChange) this.options.onChange();
    }

    /* ---------- export ---------- */


    /** The view as you see it, as a report picture (SVG): a title, the visible edges in
     * their relation colours and dashes with arrowheads on directed types, the nodes, the
     * labels on screen, and a legend of the node and relation types present. */
    svgText(opts) {
      opts = opts || {};
      const r = this.renderer;
      const { width, height } = r.getDimensions();
      const NS = "http://www.w3.org/2000/svg";
      const make = (tag, attrs, text) => {
        const node = document.createElementNS(NS, tag);
        for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
        if (text !== undefined) node.textContent = text;
        return node;
      };
      const HEAD = opts.title ? 44 : 0;
      const pos = new Map();
      const nodeTypes = new Map();
      this.graph.forEachNode((n, attrs) => {
        const d = r.getNodeDisplayData(n);
        if (!d || d.hidden) return;
        const v = r.framedGraphToViewport(d);
        pos.set(n, { x: v.x, y: v.y + HEAD, size: r.scaleSize(d.size), color: d.color, label: d.label, zIndex: d.zIndex || 0 });
        nodeTypes.set(attrs.nodeType, AG.colorOf(attrs.nodeType));
      });
      const relTypes = new Map();
      const edgeEls = [];
      this.graph.forEachEdge((e, attrs, s, t) => {
        const d = r.getEdgeDisplayData(e);
        if (!d || d.hidden || !pos.has(s) || !pos.has(t)) return;
        const style = this.styles.get(attrs.relType) || { color: EDGE, dash: "solid", label: attrs.relType };
        relTypes.set(attrs.relType, style);
        const a = pos.get(s);
        const b = pos.get(t);
        // stop at the target's rim, so the arrowhead stays visible
        const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
        const cut = this.symmetric.has(attrs.relType) ? 0 : b.size + 1;
        const x2 = b.x - ((b.x - a.x) / len) * cut;
        const y2 = b.y - ((b.y - a.y) / len) * cut;
        const line = make("line", {
          x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: x2.toFixed(1), y2: y2.toFixed(1),
          stroke: d.color, "stroke-width": Math.max(0.8, r.scaleSize(d.size)).toFixed(2),
          "data-relation": attrs.relType,
        });
        if (style.dash === "dashed") line.setAttribute("stroke-dasharray", "6 4");
        if (style.dash === "dotted") line.setAttribute("stroke-dasharray", "1.5 3");
        if (!this.symmetric.has(attrs.relType)) line.setAttribute("marker-end", `url(#arrow-${attrs.relType})`);
        line.append(make("title", {}, `${label(this.graph, s)} ${style.label} ${label(this.graph, t)}`));
        edgeEls.push(line);
      });
      const legendRows = nodeTypes.size + relTypes.size + (nodeTypes.size && relTypes.size ? 1 : 0);
      const LEGEND_W = 190;
      const legendH = legendRows ? 16 + legendRows * 18 : 0;
      const svgH = height + HEAD;
      const svg = make("svg", { xmlns: NS, width, height: svgH, viewBox: `0 0 ${width} ${svgH}`, "font-family": "Helvetica, Arial, sans-serif" });
      svg.append(make("rect", { width: "100%", height: "100%", fill: "#ffffff" }));
      const defs = make("defs");
      for (const [type, style] of relTypes) {
        const marker = make("marker", { id: `arrow-${type}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" });
        marker.append(make("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: style.color }));
        defs.append(marker);
      }
      svg.append(defs);
      if (opts.title) {
        svg.append(make("text", { x: 16, y: 28, "font-size": 18, "font-weight": 700, fill: "#1d2330" }, opts.title));
        svg.append(make("text", { x: width - 16, y: 28, "font-size": 11, fill: "#5f6b7a", "text-anchor": "end" }, `${pos.size} actors · ${edgeEls.length} relations · ${new Date().toISOString().slice(0, 10)}`));
      }
      const edges = make("g", { "stroke-linecap": "round", class: "edges" });
      edges.append(...edgeEls);
      const nodes = make("g", { class: "nodes" });
      const labels = make("g", { "font-size": 13, fill: "#1d2330", class: "labels", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke", "stroke-linejoin": "round" });
      const shown = new Set(r.getNodeDisplayedLabels());
      [...pos.entries()]
        .sort((x, y) => x[1].zIndex - y[1].zIndex)
        .forEach(([n, p]) => {
          const c = make("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: p.size.toFixed(1), fill: p.color, stroke: "#ffffff", "stroke-width": 0.8 });
          c.append(make("title", {}, p.label || n));
          nodes.append(c);
          if (p.label && shown.has(n)) labels.append(make("text", { x: (p.x + p.size + 3).toFixed(1), y: (p.y + 4).toFixed(1) }, p.label));
        });
      svg.append(edges, nodes, labels);
      if (legendRows) {
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
          if (style.dash === "dashed") line.setAttribute("stroke-dasharray", "6 4");
          if (style.dash === "dotted") line.setAttribute("stroke-dasharray", "1.5 3");
          if (!this.symmetric.has(type)) line.setAttribute("marker-end", `url(#arrow-${type})`);
          lg.append(line, make("text", { x: 34, y }, style.label));
          y += 18;
        }
        svg.append(lg);
      }
      return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
    }

    /** The report picture as PNG at `scale` times the screen's size (2 or 3 for print). */
    async reportPng(opts) {
      const scale = Math.max(1, Math.min(4, (opts && opts.scale) || 2));
      const svg = this.svgText(opts);
      const img = new Image();
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
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

    kill() {
      this.stopLayout();
      this.renderer.kill();
    }
  }

  /** Save a blob under a file name through a temporary link. */
  AG.download = function download(blob, filename) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 2000);
  };

  AG.GraphView = GraphView;
})();
