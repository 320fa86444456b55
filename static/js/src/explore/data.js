/* The graph the view shows, from the page or the API, cut down by the view's state. */
import { api, apiPath } from "../ag.js";
import { DEFAULT_RELS, SUBGRAPH_LIMIT, filterParams, sameSet } from "./state.js";

/** "ID~K" in the URL: K of its neighbours were added (the best K); "ID": all of them. */
export function expansionOf(entry) {
  const [id, k] = entry.split("~");
  const shown = parseInt(k || "", 10);
  return { id, shown: Number.isFinite(shown) ? shown : null };
}

/* The graph answers come without evidence sentences (evidence=none): each edge carries a
 * summary (items, documents, confidence, first and last date); the sentences are fetched
 * when a node's profile or an edge is opened. */
export function neighboursOf(state, node) {
  return api(apiPath("/api/entities/", node) + "/neighbors", { depth: 1, limit: SUBGRAPH_LIMIT, evidence: "none", ...filterParams(state) });
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
    truncated: rows.truncated || null,
  };
}

function subgraph(state, seeds, depth) {
  const flt = filterParams(state);
  const body = { seeds, depth, types: flt.types, relations: flt.relations, since: flt.since, until: flt.until, documents: flt.documents, limit: SUBGRAPH_LIMIT, evidence: "none" };
  return api("/api/subgraph", null, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
}

/** The view the state describes: the focus (or the capped overview) and the expansions. */
export async function fetchView(state) {
  const first = inlineView();
  if (first) return first;
  if (!state.types.length) return { nodes: [], edges: [] };
  const parts = [
    // without a focus: the capped overview (top actors by PageRank), never the whole graph
    state.focus.length ? subgraph(state, state.focus, state.depth) : api("/api/overview", filterParams(state)),
  ];
  const extra = state.expand.map(expansionOf).filter((x) => !state.focus.includes(x.id));
  for (const x of extra) {
    parts.push(neighboursOf(state, x.id).then((data) => topNeighbours(state, x.id, data, null, x.shown).part));
  }
  const nodes = new Map();
  const edges = new Map();
  const truncated = { nodes: false, edges: 0 };
  for (const a of await Promise.all(parts)) {
    for (const n of a.nodes) nodes.set(n.id, n);
    for (const e of a.edges) edges.set(e.id, e);
    // a capped answer says what it left out (GraphData.truncated)
    if (a.truncated) {
      truncated.nodes = truncated.nodes || Boolean(a.truncated.nodes);
      truncated.edges += a.truncated.edges || 0;
    }
  }
  const cut = truncated.nodes || truncated.edges ? truncated : null;
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: cut };
}

/** What a capped view leaves out, in words for the status line; null when nothing. */
export function truncationNote(truncated) {
  if (!truncated) return null;
  const parts = [];
  if (truncated.edges) parts.push(`${truncated.edges.toLocaleString("en")} weaker links`);
  if (truncated.nodes) parts.push("more actors within reach");
  return `Showing the strongest part: ${parts.join(" and ")} not drawn. Lower the depth or narrow the filters to see them.`;
}

/** A relation or evidence filter answers "who did what to whom": actors it leaves without
 * an edge are noise, unless the user asks to see them (the "show isolated" switch). The
 * focus and the expanded actors always stay. */
function withoutIsolated(state, data) {
  const filtering = !sameSet(state.rels, DEFAULT_RELS) || state.docs.length || state.since || state.until;
  if (state.iso || !filtering) return data;
  const keep = new Set([...state.focus, ...state.expand]);
  for (const e of data.edges) keep.add(e.source).add(e.target);
  return { nodes: data.nodes.filter((n) => keep.has(n.id)), edges: data.edges };
}

function withoutHidden(state, data) {
  if (!state.hide.length) return data;
  const hidden = new Set(state.hide);
  return {
    nodes: data.nodes.filter((n) => !hidden.has(n.id)),
    edges: data.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target)),
  };
}

/** What the view shows of an answer: no edges without a relation type picked, no isolated
 * actors under a filter (unless asked), no node the user removed. */
export function shownPart(state, data) {
  if (!state.rels.length) data = { nodes: data.nodes, edges: [] };
  return withoutHidden(state, withoutIsolated(state, data));
}

/** How many documents an edge was read in: its summary says, or its evidence items. */
export function documentCount(e) {
  if (e.summary) return e.summary.documents;
  return Array.isArray(e.evidence) ? new Set(e.evidence.map((v) => v.document)).size : 0;
}

/** Each neighbour of `node` with the documents supporting its links to it (summed over
 * its edges to it), and the degrees in the answer. */
function support(node, edges) {
  const docs = new Map();
  const degree = new Map();
  for (const e of edges) {
    degree.set(e.source, (degree.get(e.source) || 0) + 1);
    degree.set(e.target, (degree.get(e.target) || 0) + 1);
    const other = e.source === node ? e.target : e.target === node ? e.source : null;
    if (!other || other === node) continue;
    docs.set(other, (docs.get(other) || 0) + documentCount(e));
  }
  return { docs, degree };
}

/** A node's neighbours best first: by the documents supporting their links to it, then by
 * how connected they are in the answer (centrality), then by name; the first `count` of
 * them (null: all). The same answer for the same data, so a link with expand=ID~K shows
 * the same K after a reload. The part returned holds the node, those neighbours and their
 * edges to each other and to `inView` (a Set of the ids shown, or null). */
export function topNeighbours(state, node, data, inView, count) {
  data = shownPart(state, data);
  const { docs, degree } = support(node, data.edges);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const ranked = [...docs.keys()]
    .filter((id) => byId.has(id))
    .sort((a, b) => docs.get(b) - docs.get(a) || (degree.get(b) || 0) - (degree.get(a) || 0) || byId.get(a).name.localeCompare(byId.get(b).name) || (a < b ? -1 : 1));
  const chosen = count === null ? ranked : ranked.slice(0, count);
  const keep = new Set([node, ...chosen]);
  const known = (id) => keep.has(id) || Boolean(inView && inView.has(id));
  return {
    part: { nodes: data.nodes.filter((n) => keep.has(n.id)), edges: data.edges.filter((e) => known(e.source) && known(e.target)) },
    shown: chosen.length,
    rest: ranked.length - chosen.length,
  };
}
