/* The current view as one self-contained HTML file: the nodes where they stand, the edges
 * with their evidence, the viewer's bundle (graph libraries included), all inline. It opens
 * by double-click, offline, and keeps pan, zoom and the evidence panel. */
import { ApiError, api, schema } from "../ag.js";

// common.js, then the viewer's bundle (the graph libraries, the view and offline/main.js)
const ASSETS = ["/static/js/common.js", "/static/js/dist/offline-viewer.js"];
const EVIDENCE_BATCH = 2000;

async function text(path) {
  const answer = await fetch(path, { credentials: "same-origin" });
  if (!answer.ok) throw new ApiError("Export failed", `could not read ${path} (${answer.status})`);
  return answer.text();
}

/** Evidence of the edges in view, asked from the API in batches (by source and id). */
async function evidenceOf(graph) {
  const refs = [];
  graph.forEachEdge((id, _a, source) => refs.push([source, id]));
  const out = new Map();
  for (let i = 0; i < refs.length; i += EVIDENCE_BATCH) {
    const answer = await api("/api/edges", null, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ refs: refs.slice(i, i + EVIDENCE_BATCH) }),
    });
    for (const e of answer.edges) out.set(e.id, e.evidence || []);
  }
  return out;
}

async function documentTitles(evidence) {
  const ids = new Set();
  for (const items of evidence.values()) for (const ev of items) ids.add(ev.document);
  const titles = {};
  let offset = 0;
  for (;;) {
    const page = await api("/api/documents", { limit: 500, offset });
    const docs = page.documents || page.items || page;
    if (!Array.isArray(docs) || !docs.length) break;
    for (const d of docs) if (ids.has(d.id)) titles[d.id] = { title: d.title, date: d.date || null };
    if (docs.length < 500 || Object.keys(titles).length === ids.size) break;
    offset += 500;
  }
  return titles;
}

/** Inline text safe inside a <script> element. */
const scriptSafe = (s) => s.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
const jsonSafe = (v) => JSON.stringify(v).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** The file, as text, for a view and {title}. */
export async function offlineHtml(view, opts) {
  const g = view.graph;
  const evidence = await evidenceOf(g);
  const data = {
    title: opts.title,
    made: new Date().toISOString().slice(0, 10),
    documents: await documentTitles(evidence),
    nodes: g.mapNodes((id, a) => ({ id, type: a.nodeType, name: a.label, x: a.x, y: a.y })),
    edges: g.mapEdges((id, a, source, target) => ({
      id,
      source,
      target,
      type: a.relType,
      role: a.role,
      evidence: (evidence.get(id) || []).map((ev) => ({
        document: ev.document,
        sentence: ev.sentence,
        date: ev.date || null,
      })),
    })),
  };
  const [css, ...scripts] = await Promise.all([text("/static/css/app.css"), ...ASSETS.map(text)]);
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(opts.title)}</title>`,
    `<style>${css.replace(/<\/style/gi, "<\\/style")}</style>`,
    "</head>",
    '<body class="app offline">',
    `<header class="topbar"><span class="brand">${escapeHtml(opts.title)}</span>`,
    `<span class="muted small">${data.nodes.length} actors · ${data.edges.length} relations · ${data.made} · made with actorgraph</span></header>`,
    '<main class="explore offline-view"><section class="stage" aria-label="Graph">',
    '<div id="graph" class="graph" tabindex="0"></div>',
    '<div class="overlay legend-box" id="offline-legend"></div>',
    '<div class="zoom" role="group" aria-label="Zoom"><button type="button" id="zoom-in">+</button><button type="button" id="zoom-out">−</button><button type="button" id="zoom-fit">⤢</button></div>',
    "</section>",
    '<aside class="panel" id="panel" hidden tabindex="-1" aria-label="Selected node"><button type="button" class="close" id="panel-close" aria-label="Close">×</button><div id="panel-body"></div></aside>',
    "</main>",
    `<script type="application/json" id="schema-data">${jsonSafe(schema)}</script>`,
    `<script type="application/json" id="offline-data">${jsonSafe(data)}</script>`,
    ...scripts.map((s) => `<script>${scriptSafe(s)}</script>`),
    "</body></html>",
  ].join("\n");
}
