/* The explorer (/explore): the graph view, its filters, the side panel, the path finder
 * and the exports. The URL holds the view state, so a link reproduces the view:
 *   focus=ID,ID  depth=1..3  expand=ID,ID  types=Person,Event  rels=MET_WITH
 *   since=YYYY-MM-DD  until=…  docs=ID  size=degree|pagerank|betweenness  sel=ID  from=ID  to=ID
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

  const state = readState();
  let loadToken = 0;
  let names = new Map(); // id -> {name, type} of everything seen, for labels in lists

  const container = $("#graph");
  const view = new AG.GraphView(container, {
    onSelect: (node) => select(node),
    onExpand: (node) => expand(node),
    onChange: () => updateCounts(),
    onLayout: (running) => {
      const b = $("#layout-toggle");
      b.setAttribute("aria-pressed", running ? "true" : "false");
      b.textContent = running ? "Stop layout" : "Run layout";
    },
  });
  AG.explorer = { view, state, load: () => load() };

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
    };
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
    const extra = state.expand.filter((id) => !state.focus.includes(id));
    if (extra.length) parts.push(post(extra, 1));
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
    if (!state.rels.length) data = { nodes: data.nodes, edges: [] };
    if (!state.focus.length && (state.docs.length || state.since || state.until)) {
      // The whole graph cut to some evidence: actors left without a relation are noise.
      const linked = new Set();
      for (const e of data.edges) linked.add(e.source).add(e.target);
      data = { nodes: data.nodes.filter((n) => linked.has(n.id)), edges: data.edges };
    }
    remember(data);
    performance.mark("ag:data");
    const before = view.graph.order;
    const added = view.replace(data);
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
    if (!before) setTimeout(() => view.fit(), 50);
    if (state.sel && view.graph.hasNode(state.sel)) select(state.sel, { keepCamera: true });
    else if (state.sel && !view.graph.hasNode(state.sel)) select(null);
    if (state.from && state.to && !view.highlight) findPaths(state.from, state.to);
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

  async function expand(node) {
    if (!node) return;
    busy("Expanding…");
    try {
      const data = await AG.api(AG.apiPath("/api/entities/", node) + "/neighbors", {
        depth: 1,
        limit: SUBGRAPH_LIMIT,
        ...filterParams(),
      });
      if (!state.rels.length) data.edges = [];
      remember(data);
      const added = view.merge(data, node);
      if (!state.focus.includes(node) && !state.expand.includes(node)) state.expand.push(node);
      writeState();
      idle();
      flash(added.length ? `+${added.length} node${added.length === 1 ? "" : "s"} around ${label(node)}` : `All neighbours of ${label(node)} are already shown`);
      if (added.length) {
        await applySize();
        view.runLayout(Math.min(1500 + added.length * 20, 6000));
      }
    } catch (err) {
      idle();
      showError(err, () => expand(node));
    }
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
    writeState();
    const panel = $("#panel");
    const body = $("#panel-body");
    if (!state.sel) {
      panel.hidden = true;
      body.replaceChildren();
      return;
    }
    if (!opts.keepCamera) view.focusNode(node, Math.min(view.renderer.getCamera().ratio, 0.8));
    const token = ++panelToken;
    panel.hidden = false;
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

  function evidenceList(items, titles) {
    const ul = el("ul", { class: "evidence" });
    items.forEach((ev, i) => {
      const li = el(
        "li",
        { hidden: i >= EVIDENCE_SHOWN },
        el("q", { text: ev.sentence }),
        el("span", { class: "source" },
          ev.date ? el("time", { datetime: ev.date, text: ev.date }) : null,
          ev.date ? " · " : null,
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
          evidenceList(r.evidence, titles)));
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
          evidenceList(r.evidence, titles)));
      }
      nodes.push(ul);
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
      answer = await AG.api("/api/paths", { source: fromId, target: toId, max_length: 4, k: 3 });
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
      out.replaceChildren(el("p", { class: "empty", text: `No path of up to 4 relations between ${answer.source.name} and ${answer.target.name}.` }));
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
        steps.push(el("button", { type: "button", class: "link", onclick: () => select(n.id) }, n.name));
      });
      const li = el("li", {}, ...steps);
      li.addEventListener("mouseenter", () => view.setHighlight({ nodes: p.nodes.map((n) => n.id), edges: p.edges.map((e) => e.id) }));
      li.addEventListener("mouseleave", () => view.setHighlight(all));
      ol.append(li);
    });
    out.scrollIntoView({ block: "nearest" });
    out.replaceChildren(
      el("p", { class: "muted", text: `${answer.paths.length} shortest path${answer.paths.length === 1 ? "" : "s"} (${answer.paths[0].length} step${answer.paths[0].length === 1 ? "" : "s"})` }),
      ol
    );
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
    $("#zoom-in").addEventListener("click", () => view.zoom(1.5));
    $("#zoom-out").addEventListener("click", () => view.zoom(1 / 1.5));
    $("#zoom-fit").addEventListener("click", () => view.fit());
    $("#panel-close").addEventListener("click", () => select(null));

    const from = $("#path-from");
    const to = $("#path-to");
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

    $("#export-png").addEventListener("click", async () => {
      try {
        AG.download(await view.pngBlob(), "actorgraph-view.png");
      } catch (err) {
        showError(err);
      }
    });
    $("#export-svg").addEventListener("click", () => {
      AG.download(new Blob([view.svgText()], { type: "image/svg+xml" }), "actorgraph-view.svg");
    });

    // Keyboard: Esc closes the panel (then clears paths); +, - and 0 zoom while the graph has focus.
    document.addEventListener("keydown", (e) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if (e.key === "Escape" && !typing) {
        if (!$("#panel").hidden) select(null);
        else if (view.highlight) clearPaths();
      }
      if (e.target === container) {
        if (e.key === "+" || e.key === "=") view.zoom(1.5);
        else if (e.key === "-") view.zoom(1 / 1.5);
        else if (e.key === "0") view.fit();
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
