/* The explorer (/explore): the graph view, its filters, the side panel, the path finder
 * and the exports. The URL holds the view state, so a link reproduces the view:
 *   focus=ID,ID  depth=1..3  expand=ID,ID  types=Person,Event  rels=MET_WITH
 *   since=YYYY-MM-DD  until=…  docs=ID  size=degree|pagerank|betweenness  sel=ID  from=ID  to=ID
 *   iso=1 (keep actors a relation filter leaves without an edge)  pins=ID~X~Y;ID~X~Y (pinned nodes)
 *   expand=ID~K (K: how many of its neighbours were added, best first; no ~K: all)
 *   hide=ID,ID (nodes removed from the view)
 *   pk=N  plen=N  px=ID,ID  prel=TYPE,TYPE  phub=N (the path finder: how many, how long, the
 *   actors and relation types to avoid, the degree above which an actor is a hub to skip)
 */
(function () {
  "use strict";

  const AG = window.AG;
  const el = AG.el;
  const $ = (sel) => document.querySelector(sel);

  const DOC = AG.schema.document_type;
  const MENTIONS = "MENTIONS";
  const ALL_TYPES = AG.schema.nodes.map((t) => t.name);
  const ALL_RELS = AG.schema.relations.map((r) => r.name);
  const DEFAULT_TYPES = ALL_TYPES.filter((t) => t !== DOC);
  const DEFAULT_RELS = ALL_RELS.filter((r) => r !== MENTIONS);
  const SUBGRAPH_LIMIT = 5000;
  const EVIDENCE_SHOWN = 2;
  const EXPAND_TOP = 12; // neighbours an expansion adds at a time, best supported first

  const state = readState();
  let loadToken = 0;
  let names = new Map(); // id -> {name, type} of everything seen, for labels in lists

  const container = $("#graph");
  const view = new AG.GraphView(container, {
    onPin: () => {
      state.pins = view.pins();
      writeState();
    },
    onSelect: (node) => select(node),
    onExpand: (node) => expand(node),
    onChange: () => updateCounts(),
    onLayout: (running) => {
      const b = $("#layout-toggle");
      b.setAttribute("aria-pressed", running ? "true" : "false");
      b.textContent = running ? "Stop layout" : "Run layout";
    },
  });
  const time = new AG.TimeSlider($("#timeline"), {
    onChange: (until) => {
      state.until = until;
      syncControls();
      return load();
    },
  });
  AG.explorer = { view, state, time, load: () => load() };

  /* ---------------- URL state ---------------- */

  function list(params, key) {
    const v = params.get(key);
    return v ? v.split(",").map((s) => s.trim()).filter(Boolean) : null;
  }

  function readState() {
    const p = new URLSearchParams(window.location.search);
    const depth = Math.min(3, Math.max(1, parseInt(p.get("depth") || "1", 10) || 1));
    const types = list(p, "types");
    const rels = list(p, "rels");
    return {
      focus: list(p, "focus") || [],
      expand: list(p, "expand") || [],
      depth,
      types: types ? types.filter((t) => ALL_TYPES.includes(t)) : [...DEFAULT_TYPES],
      rels: rels ? rels.filter((r) => ALL_RELS.includes(r)) : [...DEFAULT_RELS],
      since: p.get("since") || "",
      until: p.get("until") || "",
      docs: list(p, "docs") || [],
      size: ["degree", "pagerank", "betweenness"].includes(p.get("size")) ? p.get("size") : "degree",
      sel: p.get("sel") || null,
      from: p.get("from") || null,
      to: p.get("to") || null,
      iso: p.get("iso") === "1",
      pins: readPins(p.get("pins")),
      hide: list(p, "hide") || [],
      pk: clampInt(p.get("pk"), 1, 10, 3),
      plen: clampInt(p.get("plen"), 1, 6, 4),
      px: list(p, "px") || [],
      prel: (list(p, "prel") || []).filter((r) => ALL_RELS.includes(r)),
      phub: p.get("phub") ? clampInt(p.get("phub"), 1, 1000000, null) : null,
    };
  }

  function clampInt(value, lo, hi, fallback) {
    const n = parseInt(value || "", 10);
    return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : fallback;
  }

  function readPins(value) {
    if (!value) return [];
    return value
      .split(";")
      .map((item) => item.split("~"))
      .filter((parts) => parts.length === 3 && parts[0] && isFinite(parts[1]) && isFinite(parts[2]))
      .map(([id, x, y]) => [id, Number(x), Number(y)])
      .slice(0, 200);
  }

  const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

  function stateQuery() {
    const q = new URLSearchParams();
    if (state.focus.length) q.set("focus", state.focus.join(","));
    if (state.focus.length && state.depth !== 1) q.set("depth", String(state.depth));
    if (state.expand.length) q.set("expand", state.expand.join(","));
    if (!sameSet(state.types, DEFAULT_TYPES)) q.set("types", state.types.join(","));
    if (!sameSet(state.rels, DEFAULT_RELS)) q.set("rels", state.rels.join(","));
    if (state.since) q.set("since", state.since);
    if (state.until) q.set("until", state.until);
    if (state.docs.length) q.set("docs", state.docs.join(","));
    if (state.size !== "degree") q.set("size", state.size);
    if (state.sel) q.set("sel", state.sel);
    if (state.from && state.to) {
      q.set("from", state.from);
      q.set("to", state.to);
    }
    if (state.iso) q.set("iso", "1");
    if (state.hide.length) q.set("hide", state.hide.join(","));
    if (state.pk !== 3) q.set("pk", String(state.pk));
    if (state.plen !== 4) q.set("plen", String(state.plen));
    if (state.px.length) q.set("px", state.px.join(","));
    if (state.prel.length) q.set("prel", state.prel.join(","));
    if (state.phub) q.set("phub", String(state.phub));
    if (state.pins.length) q.set("pins", state.pins.map((p) => p.join("~")).join(";"));
    return q.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
  }

  function writeState() {
    const qs = stateQuery();
    history.replaceState(null, "", "/explore" + (qs ? "?" + qs : ""));
    updateLinks();
  }

  /** Filters as API parameters. Types and relations are always explicit, so the export
   * route cuts the whole graph down to what the view shows. */
  function filterParams() {
    return {
      types: state.types,
      relations: state.rels.length ? state.rels : null,
      since: state.since || null,
      until: state.until || null,
      documents: state.docs.length ? state.docs : null,
    };
  }

  function queryString(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v === null || v === undefined || v === "") continue;
      if (Array.isArray(v)) {
        if (v.length) q.set(k, v.join(","));
      } else q.set(k, String(v));
    }
    return q.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
  }

  /** The same view from the API, in any export format (a GET link, so it can be shared). */
  function exportHref(format) {
    const params = { format, ...filterParams() };
    // Without a focus the view is the whole graph (expansions only bring back actors an
    // evidence filter had hidden): the export is the whole graph too.
    const seeds = [...state.focus, ...state.expand.filter((id) => !state.focus.includes(id))];
    if (state.focus.length) {
      params.ids = seeds;
      params.depth = state.depth;
    }
    return "/api/export?" + queryString(params);
  }

  function jsonTwinHref() {
    if (state.focus.length === 1 && !state.expand.length) {
      return (
        AG.apiPath("/api/entities/", state.focus[0]) +
        "/neighbors?" +
        queryString({ depth: state.depth, limit: SUBGRAPH_LIMIT, ...filterParams() })
      );
    }
    return exportHref("json");
  }

  function updateLinks() {
    for (const fmt of ["graphml", "gexf", "json", "csv"]) {
      const a = document.getElementById("export-" + fmt);
      if (a) a.setAttribute("href", exportHref(fmt));
    }
    const twin = document.querySelector("[data-json-link]");
    if (twin) twin.setAttribute("href", jsonTwinHref());
  }

  /* ---------------- status, errors, empty ---------------- */

  function busy(text) {
    const s = $("#status");
    s.classList.remove("idle");
    s.replaceChildren(el("span", { class: "spinner", "aria-hidden": "true" }), el("span", { text }));
    container.dataset.state = "loading";
  }

  function idle() {
    const s = $("#status");
    s.classList.add("idle");
    s.replaceChildren();
    container.dataset.state = "ready";
  }

  function showError(err, retry) {
    const box = $("#error");
    const title = err instanceof AG.ApiError ? err.title : "Something went wrong";
    const detail = err instanceof AG.ApiError ? err.detail : String(err && err.message ? err.message : err);
    box.replaceChildren(
      el("strong", { text: title }),
      detail ? el("span", { text: detail }) : null,
      el("div", {},
        retry ? el("button", { type: "button", onclick: () => { hideError(); retry(); } }, "Retry") : null,
        " ",
        el("button", { type: "button", onclick: hideError }, "Dismiss"))
    );
    box.hidden = false;
    container.dataset.state = "error";
  }

  function hideError() {
    $("#error").hidden = true;
  }

  function setEmpty(message) {
    const box = $("#empty");
    if (message) {
      $("#empty-text").textContent = message;
      box.hidden = false;
    } else box.hidden = true;
  }

  /* ---------------- loading ---------------- */

  function remember(data) {
    for (const n of data.nodes || []) names.set(n.id, { name: n.name, type: n.type });
  }

  /** The first view comes rendered into the page (compact rows, no evidence); later views
   * come from the API. null when the server left it to the API (e.g. an unknown id). */
  function inlineView() {
    const holder = document.getElementById("view-data");
    const rows = holder ? JSON.parse(holder.textContent) : null;
    if (holder) holder.remove();
    if (!rows) return null;
    return {
      nodes: rows.nodes.map(([id, type, name]) => ({ id, type, name })),
      edges: rows.edges.map(([id, source, target, type, role, evidence]) => ({ id, source, target, type, role, evidence })),
    };
  }

  async function fetchView() {
    const first = inlineView();
    if (first) return first;
    const flt = filterParams();
    if (!state.types.length) return { nodes: [], edges: [] };
    const body = (seeds, depth) =>
      JSON.stringify({
        seeds,
        depth,
        types: flt.types,
        relations: flt.relations,
        since: flt.since,
        until: flt.until,
        documents: flt.documents,
        limit: SUBGRAPH_LIMIT,
      });
    const post = (seeds, depth) =>
      AG.api("/api/subgraph", null, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: body(seeds, depth),
      });
    const parts = [
      // without a focus: the capped overview (top actors by PageRank), never the whole graph
      state.focus.length ? post(state.focus, state.depth) : AG.api("/api/overview", flt),
    ];
    const extra = state.expand.map(expansionOf).filter((x) => !state.focus.includes(x.id));
    for (const x of extra) {
      parts.push(neighboursOf(x.id).then((data) => topNeighbours(x.id, data, null, x.shown).part));
    }
    const answers = await Promise.all(parts);
    const nodes = new Map();
    const edges = new Map();
    for (const a of answers) {
      for (const n of a.nodes) nodes.set(n.id, n);
      for (const e of a.edges) edges.set(e.id, e);
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }

  async function load() {
    const token = ++loadToken;
    hideError();
    busy(state.focus.length ? "Loading the neighbourhood…" : "Loading the graph…");
    writeState();
    let data;
    try {
      data = await fetchView();
    } catch (err) {
      if (token !== loadToken) return;
      idle();
      showError(err, load);
      return;
    }
    if (token !== loadToken) return;
    refreshTimeline();
    if (!state.rels.length) data = { nodes: data.nodes, edges: [] };
    data = withoutHidden(withoutIsolated(data));
    remember(data);
    performance.mark("ag:data");
    const before = view.graph.order;
    undoStack.length = 0; // a new view: its history starts again
    redoStack.length = 0;
    updateHistoryButtons();
    const added = view.replace(data);
    view.applyPins(state.pins);
    performance.mark("ag:built");
    idle();
    if (!data.nodes.length) {
      setEmpty(
        !state.types.length
          ? "Pick at least one node type on the left."
          : state.focus.length
            ? "No node matches these filters around the focus."
            : "No node matches these filters. The store may be empty: ingest documents with actorgraph ingest."
      );
    } else setEmpty(null);
    await applySize();
    if (added.length > before * 0.3 || !before) view.runLayout();
    if (!before) setTimeout(() => fit(), 50);
    if (state.sel && view.graph.hasNode(state.sel)) select(state.sel, { keepCamera: true });
    else if (state.sel && !view.graph.hasNode(state.sel)) select(null);
    if (state.from && state.to && !view.highlight) findPaths(state.from, state.to);
  }

  /** The histogram above the graph counts the evidence of the relations, documents and
   * focus in view (all months: the slider itself moves `until`). */
  let timelineKey = null;
  async function refreshTimeline() {
    const params = {
      relations: state.rels.filter((r) => r !== MENTIONS),
      documents: state.docs,
      actor: state.focus.length === 1 ? state.focus[0] : null,
      since: state.since || null,
    };
    const key = JSON.stringify(params);
    if (key === timelineKey) {
      time.setUntil(state.until);
      return;
    }
    timelineKey = key;
    if (!params.relations.length) {
      time.setCounts({ months: [], undated: 0 }, state.until);
      return;
    }
    try {
      time.setCounts(await AG.api("/api/timeline", params), state.until);
    } catch (err) {
      timelineKey = null;
      time.setCounts({ months: [], undated: 0 }, state.until);
    }
  }

  /** A relation or evidence filter answers "who did what to whom": actors it leaves without
   * an edge are noise, unless the user asks to see them (the "show isolated" switch). The
   * focus and the expanded actors always stay. */
  function withoutIsolated(data) {
    const filtering =
      !sameSet(state.rels, DEFAULT_RELS) || state.docs.length || state.since || state.until;
    if (state.iso || !filtering) return data;
    const keep = new Set([...state.focus, ...state.expand]);
    for (const e of data.edges) keep.add(e.source).add(e.target);
    return { nodes: data.nodes.filter((n) => keep.has(n.id)), edges: data.edges };
  }

  async function applySize() {
    if (state.size === "degree") {
      view.setSizeBy("degree");
      return;
    }
    try {
      const answer = await AG.api("/api/analytics", { metric: state.size, limit: 500, ...filterParams() });
      view.setSizeBy(state.size, new Map(answer.results.map((r) => [r.id, r.score])));
    } catch (err) {
      showError(err);
      view.setSizeBy("degree");
    }
  }

  /* ---------------- expansion, removal, undo ---------------- */

  /** "ID~K" in the URL: K of its neighbours were added (the best K); "ID": all of them. */
  function expansionOf(entry) {
    const [id, k] = entry.split("~");
    const shown = parseInt(k || "", 10);
    return { id, shown: Number.isFinite(shown) ? shown : null };
  }

  function neighboursOf(node) {
    return AG.api(AG.apiPath("/api/entities/", node) + "/neighbors", { depth: 1, limit: SUBGRAPH_LIMIT, ...filterParams() });
  }

  function withoutHidden(data) {
    if (!state.hide.length) return data;
    const hidden = new Set(state.hide);
    return {
      nodes: data.nodes.filter((n) => !hidden.has(n.id)),
      edges: data.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target)),
    };
  }

  /** A node's neighbours best first: by the documents supporting their links to it, then by
   * how connected they are in the answer (centrality), then by name; the first `count` of
   * them (null: all). The same answer for the same data, so a link with expand=ID~K shows
   * the same K after a reload. The part returned holds the node, those neighbours and their
   * edges to each other and to `inView` (a Set of the ids shown, or null). */
  function topNeighbours(node, data, inView, count) {
    if (!state.rels.length) data = { nodes: data.nodes, edges: [] };
    data = withoutHidden(withoutIsolated(data));
    const docs = new Map();
    const degree = new Map();
    for (const e of data.edges) {
      degree.set(e.source, (degree.get(e.source) || 0) + 1);
      degree.set(e.target, (degree.get(e.target) || 0) + 1);
      const other = e.source === node ? e.target : e.target === node ? e.source : null;
      if (!other || other === node) continue;
      const set = docs.get(other) || new Set();
      for (const v of e.evidence || []) set.add(v.document);
      docs.set(other, set);
    }
    const byId = new Map(data.nodes.map((n) => [n.id, n]));
    const ranked = [...docs.keys()]
      .filter((id) => byId.has(id))
      .sort((a, b) => docs.get(b).size - docs.get(a).size || (degree.get(b) || 0) - (degree.get(a) || 0) || byId.get(a).name.localeCompare(byId.get(b).name) || (a < b ? -1 : 1));
    const chosen = count === null ? ranked : ranked.slice(0, count);
    const keep = new Set([node, ...chosen]);
    const known = (id) => keep.has(id) || Boolean(inView && inView.has(id));
    return {
      part: { nodes: data.nodes.filter((n) => keep.has(n.id)), edges: data.edges.filter((e) => known(e.source) && known(e.target)) },
      shown: chosen.length,
      rest: ranked.length - chosen.length,
    };
  }

  const undoStack = [];
  const redoStack = [];

  function checkpoint() {
    undoStack.push(viewState());
    if (undoStack.length > 50) undoStack.shift();
    redoStack.length = 0;
    updateHistoryButtons();
  }

  function viewState() {
    return { graph: view.snapshot(), expand: [...state.expand], hide: [...state.hide], sel: state.sel };
  }

  function restoreFrom(from, to) {
    if (!from.length) return;
    to.push(viewState());
    const snap = from.pop();
    view.restore(snap.graph);
    state.expand = snap.expand;
    state.hide = snap.hide;
    moreBar(null);
    select(snap.sel && view.graph.hasNode(snap.sel) ? snap.sel : null, { keepCamera: true });
    writeState();
    updateHistoryButtons();
  }

  const undo = () => restoreFrom(undoStack, redoStack);
  const redo = () => restoreFrom(redoStack, undoStack);

  function updateHistoryButtons() {
    $("#undo").disabled = !undoStack.length;
    $("#redo").disabled = !redoStack.length;
  }

  async function expand(node, more) {
    if (!node) return;
    busy("Expanding…");
    try {
      const data = await neighboursOf(node);
      remember(data);
      const entry = state.expand.find((x) => expansionOf(x).id === node);
      const before = entry ? expansionOf(entry).shown : 0;
      const count = before === null ? null : (more ? before : 0) + EXPAND_TOP;
      const { part, shown, rest } = topNeighbours(node, data, new Set(view.graph.nodes()), count);
      checkpoint();
      const added = view.merge(part, node);
      state.expand = state.expand.filter((x) => expansionOf(x).id !== node);
      if (!state.focus.includes(node)) state.expand.push(rest ? `${node}~${shown}` : node);
      writeState();
      idle();
      flash(added.length ? `+${added.length} node${added.length === 1 ? "" : "s"} around ${label(node)}` : `All neighbours of ${label(node)} are already shown`);
      moreBar(rest ? { node, rest } : null);
      if (added.length) {
        await applySize();
        view.runLayout(Math.min(1500 + added.length * 20, 6000));
      }
    } catch (err) {
      idle();
      showError(err, () => expand(node, more));
    }
  }

  /** "N more": the neighbours an expansion left out, the next best on request. */
  function moreBar(pending) {
    const bar = $("#more-bar");
    if (!pending) {
      bar.hidden = true;
      bar.replaceChildren();
      return;
    }
    const next = Math.min(EXPAND_TOP, pending.rest);
    bar.replaceChildren(
      el("span", { text: `${label(pending.node)}: ${pending.rest} more neighbour${pending.rest === 1 ? "" : "s"} not shown` }),
      el("button", { type: "button", id: "more-button", onclick: () => expand(pending.node, true) }, `Show ${next} more`),
      el("button", { type: "button", class: "link", "aria-label": "Dismiss", onclick: () => moreBar(null) }, "×")
    );
    bar.hidden = false;
  }

  /** Take a node out of the view (kept out on reload: hide= in the URL); undo brings it back. */
  function removeNode(node) {
    if (!node || !view.graph.hasNode(node)) return;
    checkpoint();
    const name = label(node);
    if (!state.hide.includes(node)) state.hide.push(node);
    state.expand = state.expand.filter((x) => expansionOf(x).id !== node);
    if (state.sel === node) select(null);
    view.remove([node]);
    writeState();
    flash(`${name} removed from the view — Ctrl+Z brings it back`);
  }

  let flashTimer = null;
  function flash(text) {
    const s = $("#status");
    s.classList.remove("idle");
    s.replaceChildren(el("span", { text }));
    clearTimeout(flashTimer);
    flashTimer = setTimeout(idle, 2200);
  }

  function label(id) {
    if (view.graph.hasNode(id)) return view.graph.getNodeAttribute(id, "label");
    return (names.get(id) || {}).name || id;
  }

  /* ---------------- counts (legend) ---------------- */

  function updateCounts() {
    const byType = {};
    const byRel = {};
    view.graph.forEachNode((_, a) => {
      byType[a.nodeType] = (byType[a.nodeType] || 0) + 1;
    });
    view.graph.forEachEdge((_, a) => {
      byRel[a.relType] = (byRel[a.relType] || 0) + 1;
    });
    document.querySelectorAll("[data-type-count]").forEach((s) => {
      s.textContent = String(byType[s.dataset.typeCount] || 0);
    });
    document.querySelectorAll("[data-rel-count]").forEach((s) => {
      s.textContent = String(byRel[s.dataset.relCount] || 0);
    });
  }

  /* ---------------- selection and the side panel ---------------- */

  let panelToken = 0;

  async function select(node, opts) {
    opts = opts || {};
    view.select(node);
    state.sel = node && view.graph.hasNode(node) ? node : null;
    if (state.sel) keyCursor = state.sel; // after Esc, Enter reopens the last one
    writeState();
    const panel = $("#panel");
    const body = $("#panel-body");
    if (!state.sel) {
      panel.hidden = true;
      body.replaceChildren();
      return;
    }
    const token = ++panelToken;
    panel.hidden = false;
    // After a double-click's second click could land: moving the camera at once would pull
    // the node from under the pointer and the expansion would miss it.
    if (!opts.keepCamera) setTimeout(() => view.ensureVisible(node, panelInset()), 320);
    const attrs = view.graph.getNodeAttributes(node);
    body.replaceChildren(
      el("span", { class: "badge", style: { "--c": AG.colorOf(attrs.nodeType) }, text: attrs.nodeType }),
      el("h2", { class: "name", text: attrs.label }),
      el("p", { class: "loading", text: "Loading relations and evidence…" })
    );
    if (attrs.nodeType === DOC) {
      body.append(el("p", {}, el("a", { href: AG.documentHref(node) }, "Read the document →")));
      body.querySelector(".loading").remove();
      return;
    }
    try {
      const profile = await AG.api(AG.apiPath("/api/entities/", node));
      if (token !== panelToken) return;
      renderPanel(profile);
    } catch (err) {
      if (token !== panelToken) return;
      const loading = body.querySelector(".loading");
      if (loading) loading.replaceWith(el("p", { class: "error-inline", role: "alert" }, el("strong", { text: err.title || "Error" }), " ", err.detail || err.message));
    }
  }

  function otherButton(ref) {
    const dot = el("span", { class: "dot", style: { background: AG.colorOf(ref.type) }, "aria-hidden": "true" });
    if (view.graph.hasNode(ref.id)) {
      return el("button", { type: "button", class: "other", title: "Select in the graph", onclick: () => select(ref.id) }, dot, ref.name);
    }
    return el("a", { class: "entity", href: AG.entityHref(ref.id), title: "Not in the view: open the profile", style: { "--c": AG.colorOf(ref.type) } }, el("span", { class: "dot", "aria-hidden": "true" }), ref.name);
  }

  /** A sentence's date, else its document's (said so), else "no date". */
  function evidenceDate(ev, docDates) {
    if (ev.date) return el("time", { datetime: ev.date, text: ev.date });
    const d = docDates && docDates.get(ev.document);
    if (d) return el("time", { datetime: d, title: "The sentence gives no date: this is the document's" }, d, " ", el("span", { class: "muted", text: "(document)" }));
    return el("span", { class: "muted", text: "no date" });
  }

  function evidenceList(items, titles, docDates) {
    const ul = el("ul", { class: "evidence" });
    items.forEach((ev, i) => {
      const li = el(
        "li",
        { hidden: i >= EVIDENCE_SHOWN },
        el("q", { text: ev.sentence }),
        el("span", { class: "source" },
          evidenceDate(ev, docDates),
          " · ",
          el("a", { href: AG.evidenceHref(ev) }, titles.get(ev.document) || ev.document))
      );
      ul.append(li);
    });
    if (items.length > EVIDENCE_SHOWN) {
      const more = el("button", { type: "button", class: "link more" }, `+${items.length - EVIDENCE_SHOWN} more`);
      more.addEventListener("click", () => {
        ul.querySelectorAll("li[hidden]").forEach((li) => (li.hidden = false));
        more.remove();
      });
      ul.append(el("li", {}, more));
    }
    return ul;
  }

  function renderPanel(p) {
    const body = $("#panel-body");
    const titles = new Map(p.documents.map((d) => [d.id, d.title]));
    const docDates = new Map(p.documents.filter((d) => d.date).map((d) => [d.id, d.date]));
    const arrows = { out: "→", in: "←" };
    const nodes = [
      el("span", { class: "badge", style: { "--c": AG.colorOf(p.type) }, text: p.type }),
      el("h2", { class: "name", text: p.name }),
    ];
    if (p.aliases && p.aliases.length) nodes.push(el("p", { class: "aliases", text: "Also: " + p.aliases.join(", ") }));
    nodes.push(
      el("p", { class: "muted small", text: `${p.degree} relation${p.degree === 1 ? "" : "s"} · ${p.mentions} mention${p.mentions === 1 ? "" : "s"} in ${p.documents.length} document${p.documents.length === 1 ? "" : "s"}` }),
      el("div", { class: "panel-actions" },
        el("button", { type: "button", class: "primary", id: "panel-expand", onclick: () => expand(p.id) }, "Expand neighbours"),
        el("button", { type: "button", onclick: () => refocus(p.id) }, "Focus here"),
        el("button", { type: "button", onclick: () => pathFrom(p) }, "Path from here"),
        el("button", { type: "button", id: "panel-remove", title: "Take it out of the view (Delete); Ctrl+Z undoes", onclick: () => removeNode(p.id) }, "Remove from view"),
        el("a", { class: "button", href: AG.entityHref(p.id) }, "Profile"),
        el("a", { class: "button", id: "panel-correct", href: AG.entityHref(p.id) + "#curate-actions", title: "Merge, rename, retype or hide (curation)" }, "Correct…"),
        el("a", { class: "button", href: AG.apiPath("/api/entities/", p.id), title: "This panel as JSON" }, "JSON"))
    );
    if (p.roles && p.roles.length) {
      nodes.push(el("h3", { text: "Roles" }));
      const ul = el("ul", { class: "relations" });
      for (const r of p.roles) {
        ul.append(el("li", {},
          el("div", { class: "role-line" }, el("strong", { text: r.role || r.relation }), ", ", otherButton(r.organisation)),
          evidenceList(r.evidence, titles, docDates)));
      }
      nodes.push(ul);
    }
    const types = Object.keys(p.relations || {});
    if (!types.length) nodes.push(el("p", { class: "empty", text: "No relation was read for it yet." }));
    for (const type of types) {
      const entries = p.relations[type];
      nodes.push(el("h3", { title: (AG.schema.relations.find((r) => r.name === type) || {}).description || "" }, type.replace(/_/g, " ").toLowerCase(), " ", el("span", { class: "count", text: entries.length })));
      const ul = el("ul", { class: "relations" });
      for (const r of entries) {
        const role = r.properties && r.properties.role ? el("span", { class: "role", text: " as " + r.properties.role }) : null;
        ul.append(el("li", {},
          el("div", { class: "rel-line" },
            el("span", { class: "dir", title: r.symmetric ? "symmetric" : r.direction === "out" ? "outgoing" : "incoming", text: r.symmetric ? "↔" : arrows[r.direction] }),
            otherButton(r.other), role),
          evidenceList(r.evidence, titles, docDates)));
      }
      nodes.push(ul);
    }
    const missing = AG.schema.relations
      .filter((r) => r.name !== MENTIONS && ((r.sources || []).includes(p.type) || (r.targets || []).includes(p.type)))
      .map((r) => r.name)
      .filter((name) => !types.includes(name) && !(name === "HOLDS_ROLE" && p.roles && p.roles.length));
    if (types.length && missing.length) {
      nodes.push(el("p", { class: "none-found muted small", dataset: { noneFound: missing.join(",") } }, "None found: " + missing.map((m) => m.replace(/_/g, " ").toLowerCase()).join(", ") + "."));
    }
    if (p.documents.length) {
      nodes.push(el("h3", { text: "Documents" }));
      const ul = el("ul", { class: "doc-list" });
      for (const d of p.documents) {
        ul.append(el("li", {}, el("a", { href: AG.documentHref(d.id) }, d.title),
          el("span", { class: "muted", text: `${d.date ? d.date + " · " : ""}${d.mentions} mention${d.mentions === 1 ? "" : "s"}` })));
      }
      nodes.push(ul);
    }
    body.replaceChildren(...nodes);
  }

  /** The width the side panel covers on the right of the graph (0 when closed or on a
   * phone, where it is a bottom sheet). */
  function panelInset() {
    const panel = $("#panel");
    if (panel.hidden || window.matchMedia("(max-width: 700px)").matches) return 0;
    return panel.offsetWidth;
  }

  function fit() {
    view.fit(panelInset());
  }

  function refocus(id) {
    state.focus = [id];
    state.expand = [];
    state.sel = id;
    clearPaths();
    view.clear();
    syncControls();
    load();
  }

  /* ---------------- path finder ---------------- */

  function pathFrom(p) {
    const input = $("#path-from");
    input.value = p.name;
    input.dataset.pickedId = p.id;
    $("#path-to").focus();
  }

  async function resolveInput(input) {
    if (input.dataset.pickedId) return { id: input.dataset.pickedId, name: input.value };
    const q = input.value.trim();
    if (!q) return null;
    const hits = AG.searchHits(await AG.api("/api/search", { q, limit: 1 }));
    if (!hits.length) throw new AG.ApiError("No match", `no actor is called “${q}”`, 404);
    input.value = hits[0].name;
    input.dataset.pickedId = hits[0].id;
    return hits[0];
  }

  function clearPaths() {
    state.from = null;
    state.to = null;
    view.setHighlight(null);
    $("#path-result").replaceChildren();
  }

  async function findPaths(fromId, toId) {
    const out = $("#path-result");
    out.replaceChildren(el("p", { class: "loading", text: "Looking for paths…" }));
    let answer;
    try {
      answer = await AG.api("/api/paths", {
        source: fromId,
        target: toId,
        max_length: state.plen,
        k: state.pk,
        exclude: state.px,
        exclude_relations: state.prel,
        max_degree: state.phub,
      });
    } catch (err) {
      out.replaceChildren(el("p", { class: "error-inline", role: "alert" }, el("strong", { text: err.title || "Error" }), " ", err.detail || ""));
      return;
    }
    state.from = fromId;
    state.to = toId;
    writeState();
    $("#path-from").value = answer.source.name;
    $("#path-from").dataset.pickedId = answer.source.id;
    $("#path-to").value = answer.target.name;
    $("#path-to").dataset.pickedId = answer.target.id;
    if (!answer.paths.length) {
      view.setHighlight(null);
      const around = state.px.length || state.prel.length || state.phub ? " around what is avoided" : "";
      out.replaceChildren(el("p", { class: "empty", text: `No path of up to ${state.plen} relation${state.plen === 1 ? "" : "s"} between ${answer.source.name} and ${answer.target.name}${around}.` }));
      return;
    }
    // Paths may run through actors not in the view: add them first.
    const data = { nodes: [], edges: [] };
    for (const p of answer.paths) {
      data.nodes.push(...p.nodes);
      data.edges.push(...p.edges.map((e) => ({ ...e, role: e.properties && e.properties.role })));
    }
    remember(data);
    const added = view.merge(data);
    if (added.length) view.runLayout(2000);
    const all = { nodes: data.nodes.map((n) => n.id), edges: data.edges.map((e) => e.id) };
    view.setHighlight(all);
    const ol = el("ol", {});
    answer.paths.forEach((p) => {
      const steps = [];
      p.nodes.forEach((n, i) => {
        if (i > 0) {
          const e = p.edges[i - 1];
          const forward = e.source === p.nodes[i - 1].id;
          steps.push(el("span", { class: "path-rel", text: forward ? `–${e.type}→` : `←${e.type}–` }));
        }
        const inner = i > 0 && i < p.nodes.length - 1;
        steps.push(
          el("span", { class: "path-step" },
            el("button", { type: "button", class: "link", onclick: () => select(n.id) }, n.name),
            inner
              ? el("button", { type: "button", class: "link avoid", title: `Find paths around ${n.name}`, "aria-label": `Avoid ${n.name}`, "data-avoid": n.id, onclick: () => avoidActor(n.id, n.name, true) }, "⊘")
              : null)
        );
      });
      const li = el("li", { "data-length": String(p.length) }, el("span", { class: "path-len", text: `${p.length} step${p.length === 1 ? "" : "s"}:` }), ...steps);
      li.addEventListener("mouseenter", () => view.setHighlight({ nodes: p.nodes.map((n) => n.id), edges: p.edges.map((e) => e.id) }));
      li.addEventListener("mouseleave", () => view.setHighlight(all));
      ol.append(li);
    });
    out.scrollIntoView({ block: "nearest" });
    out.replaceChildren(el("p", { class: "muted", id: "path-summary", text: pathSummary(answer.paths) }), ol);
  }

  /** "3 shortest paths: one of 2 steps, two of 4 steps" — each length stated right. */
  function pathSummary(paths) {
    const byLength = new Map();
    for (const p of paths) byLength.set(p.length, (byLength.get(p.length) || 0) + 1);
    const words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    const parts = [...byLength].map(([len, n]) => `${words[n] || n} of ${len} step${len === 1 ? "" : "s"}`);
    const head = `${paths.length} shortest path${paths.length === 1 ? "" : "s"}`;
    const avoided = [];
    if (state.px.length) avoided.push(`${state.px.length} actor${state.px.length === 1 ? "" : "s"}`);
    if (state.prel.length) avoided.push(state.prel.map((r) => r.toLowerCase().replace(/_/g, " ")).join(", "));
    if (state.phub) avoided.push(`hubs over ${state.phub} relations`);
    return `${head}: ${parts.join(", ")}` + (avoided.length ? ` (avoiding ${avoided.join("; ")})` : "");
  }

  /** Add an actor to those the path finder goes around; `rerun` asks again at once. */
  function avoidActor(id, name, rerun) {
    if (!state.px.includes(id)) state.px.push(id);
    if (name) names.set(id, { ...(names.get(id) || {}), name });
    renderAvoided();
    writeState();
    if (rerun && state.from && state.to) findPaths(state.from, state.to);
  }

  function renderAvoided() {
    const unnamed = state.px.filter((id) => !names.has(id) && !view.graph.hasNode(id));
    if (unnamed.length) {
      // avoided actors from a link may not be in view: their names come from the API
      Promise.all(
        unnamed.map((id) =>
          AG.api(AG.apiPath("/api/entities/", id)).then(
            (p) => names.set(id, { name: p.name, type: p.type }),
            () => names.set(id, { name: id })
          )
        )
      ).then(renderAvoided);
    }
    $("#path-avoided").replaceChildren(
      ...state.px.map((id) =>
        el("li", { class: "chip" }, label(id),
          el("button", {
            type: "button", class: "link", "aria-label": `Stop avoiding ${label(id)}`,
            onclick: () => {
              state.px = state.px.filter((x) => x !== id);
              renderAvoided();
              writeState();
            },
          }, "×"))
      )
    );
    if (state.px.length || state.prel.length || state.phub) $("#path-options").open = true;
  }

  /* ---------------- keyboard walk ---------------- */

  const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  let keyCursor = null;

  /** From the selected node (or the best-connected one) to its neighbour in that direction:
   * the node is highlighted and announced; Enter opens its panel. */
  function walk([dx, dy]) {
    const g = view.graph;
    if (!g.order) return;
    let from = state.sel || keyCursor;
    let next;
    if (!from || !g.hasNode(from)) {
      let best = -1;
      g.forEachNode((n) => {
        if (g.degree(n) > best) {
          best = g.degree(n);
          next = n;
        }
      });
    } else next = view.neighbourToward(from, dx, dy);
    if (!next) {
      flash(`${label(from)} has no neighbour in view`);
      return;
    }
    keyCursor = next;
    view.select(next);
    view.ensureVisible(next, panelInset());
    container.setAttribute("aria-activedescendant", "");
    container.dataset.cursor = next;
    flash(`${label(next)} (${g.getNodeAttribute(next, "nodeType")}, ${g.degree(next)} links) — Enter for details`);
  }

  function defaultTitle() {
    const focus = state.focus.map(label).join(", ");
    return focus ? `actorgraph: around ${focus}` : "actorgraph: the graph";
  }

  /* ---------------- controls ---------------- */

  function syncControls() {
    document.querySelectorAll('#legend input[name="type"]').forEach((i) => (i.checked = state.types.includes(i.value)));
    document.querySelectorAll('#relations input[name="rel"]').forEach((i) => (i.checked = state.rels.includes(i.value)));
    $("#since").value = state.since;
    $("#until").value = state.until;
    $("#doc-filter").value = state.docs[0] || "";
    $("#depth").value = String(state.depth);
    $("#depth").disabled = !state.focus.length;
    $("#size-by").value = state.size;
    $("#show-isolated").checked = state.iso;
    $("#path-k").value = String(state.pk);
    $("#path-len").value = String(state.plen);
    $("#path-hub").value = state.phub ? String(state.phub) : "";
    document.querySelectorAll('input[name="path-rel"]').forEach((i) => (i.checked = state.prel.includes(i.value)));
    renderAvoided();
  }

  let reloadTimer = null;
  function reloadSoon() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(load, 150);
  }

  function bindControls() {
    $("#legend").addEventListener("change", () => {
      state.types = [...document.querySelectorAll('#legend input[name="type"]:checked')].map((i) => i.value);
      // Documents only connect through MENTIONS: showing them turns that relation on.
      if (state.types.includes(DOC) && !state.rels.includes(MENTIONS)) {
        state.rels.push(MENTIONS);
        syncControls();
      }
      reloadSoon();
    });
    $("#relations").addEventListener("change", () => {
      state.rels = [...document.querySelectorAll('#relations input[name="rel"]:checked')].map((i) => i.value);
      reloadSoon();
    });
    $("#types-all").addEventListener("click", () => {
      state.types = sameSet(state.types, DEFAULT_TYPES) ? [] : [...DEFAULT_TYPES];
      syncControls();
      reloadSoon();
    });
    $("#rels-all").addEventListener("click", () => {
      state.rels = sameSet(state.rels, DEFAULT_RELS) ? [] : [...DEFAULT_RELS];
      syncControls();
      reloadSoon();
    });
    for (const id of ["since", "until"]) {
      $("#" + id).addEventListener("change", (e) => {
        state[id] = e.target.value;
        reloadSoon();
      });
    }
    $("#doc-filter").addEventListener("change", (e) => {
      state.docs = e.target.value ? [e.target.value] : [];
      reloadSoon();
    });
    $("#depth").addEventListener("change", (e) => {
      state.depth = parseInt(e.target.value, 10) || 1;
      reloadSoon();
    });
    $("#size-by").addEventListener("change", async (e) => {
      state.size = e.target.value;
      writeState();
      await applySize();
    });
    $("#layout-toggle").addEventListener("click", () => {
      if (view.isLayoutRunning()) view.stopLayout();
      else view.runLayout(30000);
    });
    $("#reset-view").addEventListener("click", () => {
      state.focus = [];
      state.expand = [];
      state.sel = null;
      clearPaths();
      syncControls();
      load();
    });
    $("#undo").addEventListener("click", undo);
    $("#redo").addEventListener("click", redo);
    $("#zoom-in").addEventListener("click", () => view.zoom(1.5));
    $("#zoom-out").addEventListener("click", () => view.zoom(1 / 1.5));
    $("#zoom-fit").addEventListener("click", () => fit());
    $("#panel-close").addEventListener("click", () => select(null));

    const from = $("#path-from");
    const to = $("#path-to");
    const avoid = $("#path-avoid");
    AG.autocomplete(avoid, {
      onPick: (hit) => {
        avoidActor(hit.id, hit.name, false);
        avoid.value = "";
        delete avoid.dataset.pickedId;
      },
    });
    $("#path-k").addEventListener("change", (e) => { state.pk = clampInt(e.target.value, 1, 10, 3); writeState(); });
    $("#path-len").addEventListener("change", (e) => { state.plen = clampInt(e.target.value, 1, 6, 4); writeState(); });
    $("#path-hub").addEventListener("change", (e) => { state.phub = e.target.value ? clampInt(e.target.value, 1, 1000000, null) : null; writeState(); });
    document.querySelectorAll('input[name="path-rel"]').forEach((box) =>
      box.addEventListener("change", () => {
        state.prel = [...document.querySelectorAll('input[name="path-rel"]:checked')].map((i) => i.value);
        writeState();
      })
    );
    AG.autocomplete(from, { onPick: () => to.focus() });
    AG.autocomplete(to, { onPick: () => $("#path-form").requestSubmit() });
    $("#path-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const a = await resolveInput(from);
        const b = await resolveInput(to);
        if (!a || !b) {
          $("#path-result").replaceChildren(el("p", { class: "empty", text: "Pick two actors." }));
          return;
        }
        await findPaths(a.id, b.id);
      } catch (err) {
        $("#path-result").replaceChildren(el("p", { class: "error-inline", role: "alert" }, el("strong", { text: err.title || "Error" }), " ", err.detail || err.message));
      }
    });
    $("#path-clear").addEventListener("click", () => {
      from.value = "";
      to.value = "";
      delete from.dataset.pickedId;
      delete to.dataset.pickedId;
      clearPaths();
      writeState();
    });

    $("#show-isolated").addEventListener("change", (e) => {
      state.iso = e.target.checked;
      reloadSoon();
    });
    const sidebar = $("#sidebar");
    const drawer = (open) => {
      sidebar.classList.toggle("open", open);
      $("#drawer-toggle").setAttribute("aria-expanded", open ? "true" : "false");
      if (open) sidebar.querySelector("input, select, button").focus();
    };
    $("#drawer-toggle").addEventListener("click", () => drawer(!sidebar.classList.contains("open")));
    $("#drawer-close").addEventListener("click", () => {
      drawer(false);
      $("#drawer-toggle").focus();
    });
    $("#skip-panel").addEventListener("click", (e) => {
      e.preventDefault();
      const panel = $("#panel");
      if (panel.hidden) {
        flash("Select a node first: its details open in the panel");
        container.focus();
      } else panel.focus();
    });

    const picture = () => ({ title: $("#export-title").value.trim() || defaultTitle() });
    for (const id of ["export-png", "export-png3"]) {
      $("#" + id).addEventListener("click", async (e) => {
        try {
          const scale = Number(e.currentTarget.dataset.scale) || 2;
          AG.download(await view.reportPng({ ...picture(), scale }), `actorgraph-view@${scale}x.png`);
        } catch (err) {
          showError(err);
        }
      });
    }
    $("#export-svg").addEventListener("click", () => {
      AG.download(new Blob([view.svgText(picture())], { type: "image/svg+xml" }), "actorgraph-view.svg");
    });
    $("#export-html").addEventListener("click", async () => {
      busy("Building the offline view…");
      try {
        const html = await AG.offlineHtml(view, picture());
        AG.download(new Blob([html], { type: "text/html" }), "actorgraph-view.html");
        idle();
      } catch (err) {
        idle();
        showError(err);
      }
    });

    // Keyboard. Esc, from anywhere: closes the autocomplete list first (its own handler),
    // then the drawer, then the panel, then clears paths. On the graph: arrows walk to the
    // neighbour in that direction, Enter opens the panel, + - 0 zoom.
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !e.defaultPrevented) {
        const ac = e.target.closest && e.target.closest(".ac-wrap");
        if (ac && ac.querySelector(".ac-list:not([hidden])")) return;
        if (sidebar.classList.contains("open")) {
          drawer(false);
          $("#drawer-toggle").focus();
        } else if (!$("#panel").hidden) {
          const from = $("#panel").contains(document.activeElement);
          select(null);
          if (from) container.focus();
        } else if (view.highlight) clearPaths();
        return;
      }
      const typing = e.target.closest && e.target.closest("input, textarea, select, [contenteditable]");
      if (!typing && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
        return;
      }
      if (!typing && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "y") {
        e.preventDefault();
        redo();
        return;
      }
      if (e.target !== container) return;
      if ((e.key === "Delete" || e.key === "Backspace") && state.sel) {
        e.preventDefault();
        removeNode(state.sel);
        return;
      }
      if (e.key === "+" || e.key === "=") view.zoom(1.5);
      else if (e.key === "-") view.zoom(1 / 1.5);
      else if (e.key === "0") fit();
      else if (e.key === "Enter" && (state.sel || (keyCursor && view.graph.hasNode(keyCursor)))) {
        e.preventDefault();
        select(state.sel || keyCursor);
        $("#panel").focus();
      } else if (ARROWS[e.key]) {
        e.preventDefault();
        walk(ARROWS[e.key]);
      }
    });

    // The search box in the top bar selects in the graph instead of leaving the page.
    AG.onEntityPick = (hit) => {
      if (view.graph.hasNode(hit.id)) {
        select(hit.id);
        return;
      }
      if (!state.focus.includes(hit.id)) state.focus.push(hit.id);
      state.sel = hit.id;
      syncControls();
      load();
    };
  }

  syncControls();
  bindControls();
  updateLinks();
  load();
})();
