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

  class GraphView {
    constructor(container, options) {
      this.container = container;
      this.options = Object.assign({ compact: false, onSelect: null, onExpand: null, onChange: null }, options);
      this.symmetric = symmetricTypes();
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
        renderEdgeLabels: false,
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
        const attrs = {
          relType: e.type,
          role: e.role || null,
          evidence: Array.isArray(e.evidence) ? e.evidence.length : e.evidence || 0,
          size: 1.4,
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

    edgeColor() {
      return this.graph.size > 3000 ? EDGE_BIG : EDGE;
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
      const res = { ...data, color: this.edgeColor() };
      const g = this.graph;
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
          res.color = this.highlight && this.highlight.edges.has(edge) ? PATH : "#5b6476";
          res.size = Math.max(res.size, 1.6);
          res.zIndex = 3;
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

    fit() {
      this.renderer.getCamera().animatedReset({ duration: 350 });
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
          this.dragged = null;
          r.setCustomBBox(null);
          setTimeout(() => {
            this.dragMoved = false;
          }, 0);
        }
      });
    }

    changed() {
      this.container.dataset.nodeCount = String(this.graph.order);
      this.container.dataset.edgeCount = String(this.graph.size);
      if (this.options.onChange) this.options.onChange();
    }

    /* ---------- export ---------- */

    async pngBlob() {
      return L.exportImage.toBlob(this.renderer, { format: "png", backgroundColor: "#ffffff" });
    }

    /** The view as you see it, as SVG: visible edges, nodes and the labels on screen. */
    svgText() {
      const r = this.renderer;
      const { width, height } = r.getDimensions();
      const NS = "http://www.w3.org/2000/svg";
      const svg = document.createElementNS(NS, "svg");
      svg.setAttribute("xmlns", NS);
      svg.setAttribute("width", String(width));
      svg.setAttribute("height", String(height));
      svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
      const bg = document.createElementNS(NS, "rect");
      bg.setAttribute("width", "100%");
      bg.setAttribute("height", "100%");
      bg.setAttribute("fill", "#ffffff");
      svg.append(bg);
      const edges = document.createElementNS(NS, "g");
      edges.setAttribute("stroke-linecap", "round");
      const nodes = document.createElementNS(NS, "g");
      const labels = document.createElementNS(NS, "g");
      labels.setAttribute("font-family", "Helvetica, Arial, sans-serif");
      labels.setAttribute("font-size", "13");
      labels.setAttribute("fill", "#1d2330");
      const pos = new Map();
      this.graph.forEachNode((n) => {
        const d = r.getNodeDisplayData(n);
        if (!d || d.hidden) return;
        const v = r.framedGraphToViewport(d);
        pos.set(n, { ...v, size: r.scaleSize(d.size), color: d.color, label: d.label, zIndex: d.zIndex || 0 });
      });
      this.graph.forEachEdge((e, _a, s, t) => {
        const d = r.getEdgeDisplayData(e);
        if (!d || d.hidden || !pos.has(s) || !pos.has(t)) return;
        const line = document.createElementNS(NS, "line");
        const a = pos.get(s);
        const b = pos.get(t);
        line.setAttribute("x1", a.x.toFixed(1));
        line.setAttribute("y1", a.y.toFixed(1));
        line.setAttribute("x2", b.x.toFixed(1));
        line.setAttribute("y2", b.y.toFixed(1));
        line.setAttribute("stroke", d.color);
        line.setAttribute("stroke-width", String(Math.max(0.6, r.scaleSize(d.size))));
        edges.append(line);
      });
      const shown = new Set(r.getNodeDisplayedLabels());
      [...pos.entries()]
        .sort((x, y) => x[1].zIndex - y[1].zIndex)
        .forEach(([n, p]) => {
          const c = document.createElementNS(NS, "circle");
          c.setAttribute("cx", p.x.toFixed(1));
          c.setAttribute("cy", p.y.toFixed(1));
          c.setAttribute("r", p.size.toFixed(1));
          c.setAttribute("fill", p.color);
          const title = document.createElementNS(NS, "title");
          title.textContent = p.label || n;
          c.append(title);
          nodes.append(c);
          if (p.label && shown.has(n)) {
            const text = document.createElementNS(NS, "text");
            text.setAttribute("x", (p.x + p.size + 3).toFixed(1));
            text.setAttribute("y", (p.y + 4).toFixed(1));
            text.textContent = p.label;
            labels.append(text);
          }
        });
      svg.append(edges, nodes, labels);
      return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
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
