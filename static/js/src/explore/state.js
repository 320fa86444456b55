/* The explorer's view state and its URL form, so a link reproduces the view:
 *   focus=ID,ID  depth=1..3  expand=ID,ID  types=Person,Event  rels=MET_WITH
 *   since=YYYY-MM-DD  until=…  docs=ID  size=degree|pagerank|betweenness  sel=ID  from=ID  to=ID
 *   iso=1 (keep actors a relation filter leaves without an edge)  pins=ID~X~Y;ID~X~Y (pinned nodes)
 *   expand=ID~K (K: how many of its neighbours were added, best first; no ~K: all)
 *   hide=ID,ID (nodes removed from the view)
 *   pk=N  plen=N  px=ID,ID  prel=TYPE,TYPE  phub=N (the path finder: how many, how long, the
 *   actors and relation types to avoid, the degree above which an actor is a hub to skip)
 * app/pagedata.py reads the same keys to render the first view into the page. */
import { schema } from "../ag.js";

export const DOC = schema.document_type;
export const MENTIONS = "MENTIONS";
export const ALL_TYPES = schema.nodes.map((t) => t.name);
export const ALL_RELS = schema.relations.map((r) => r.name);
export const DEFAULT_TYPES = ALL_TYPES.filter((t) => t !== DOC);
export const DEFAULT_RELS = ALL_RELS.filter((r) => r !== MENTIONS);
export const SUBGRAPH_LIMIT = 5000;
const SIZES = ["degree", "pagerank", "betweenness"];

export const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

export function clampInt(value, lo, hi, fallback) {
  const n = parseInt(value || "", 10);
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : fallback;
}

function list(params, key) {
  const v = params.get(key);
  return v ? v.split(",").map((s) => s.trim()).filter(Boolean) : null;
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

function readPathOptions(p) {
  return {
    pk: clampInt(p.get("pk"), 1, 10, 3),
    plen: clampInt(p.get("plen"), 1, 6, 4),
    px: list(p, "px") || [],
    prel: (list(p, "prel") || []).filter((r) => ALL_RELS.includes(r)),
    phub: p.get("phub") ? clampInt(p.get("phub"), 1, 1000000, null) : null,
  };
}

/** The state a query string (the page's own by default) describes; unknown values fall
 * back to the defaults. */
export function readState(search) {
  const p = new URLSearchParams(search === undefined ? window.location.search : search);
  const types = list(p, "types");
  const rels = list(p, "rels");
  return {
    focus: list(p, "focus") || [],
    expand: list(p, "expand") || [],
    depth: Math.min(3, Math.max(1, parseInt(p.get("depth") || "1", 10) || 1)),
    types: types ? types.filter((t) => ALL_TYPES.includes(t)) : [...DEFAULT_TYPES],
    rels: rels ? rels.filter((r) => ALL_RELS.includes(r)) : [...DEFAULT_RELS],
    since: p.get("since") || "",
    until: p.get("until") || "",
    docs: list(p, "docs") || [],
    size: SIZES.includes(p.get("size")) ? p.get("size") : "degree",
    sel: p.get("sel") || null,
    from: p.get("from") || null,
    to: p.get("to") || null,
    iso: p.get("iso") === "1",
    pins: readPins(p.get("pins")),
    hide: list(p, "hide") || [],
    ...readPathOptions(p),
  };
}

/** A query string of the parameters set; lists joined by commas (kept readable). */
export function queryString(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, v.join(","));
    } else q.set(k, String(v));
  }
  return q.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
}

/** The state as a query string: only what differs from the defaults, in a fixed order. */
export function stateQuery(state) {
  const joined = (ids) => (ids.length ? ids.join(",") : null);
  const unless = (value, dflt) => (value === dflt ? null : String(value));
  const pathEnds = state.from && state.to;
  const pairs = [
    ["focus", joined(state.focus)],
    ["depth", state.focus.length ? unless(state.depth, 1) : null],
    ["expand", joined(state.expand)],
    // an empty list stays in the URL as "types=": it differs from the default
    ["types", sameSet(state.types, DEFAULT_TYPES) ? null : state.types.join(",")],
    ["rels", sameSet(state.rels, DEFAULT_RELS) ? null : state.rels.join(",")],
    ["since", state.since || null],
    ["until", state.until || null],
    ["docs", joined(state.docs)],
    ["size", unless(state.size, "degree")],
    ["sel", state.sel],
    ["from", pathEnds ? state.from : null],
    ["to", pathEnds ? state.to : null],
    ["iso", state.iso ? "1" : null],
    ["hide", joined(state.hide)],
    ["pk", unless(state.pk, 3)],
    ["plen", unless(state.plen, 4)],
    ["px", joined(state.px)],
    ["prel", joined(state.prel)],
    ["phub", state.phub ? String(state.phub) : null],
    ["pins", state.pins.length ? state.pins.map((p) => p.join("~")).join(";") : null],
  ];
  const q = new URLSearchParams();
  for (const [key, value] of pairs) if (value !== null) q.set(key, value);
  return q.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
}

/** Filters as API parameters. Types and relations are always explicit, so the export
 * route cuts the whole graph down to what the view shows. */
export function filterParams(state) {
  return {
    types: state.types,
    relations: state.rels.length ? state.rels : null,
    since: state.since || null,
    until: state.until || null,
    documents: state.docs.length ? state.docs : null,
  };
}
