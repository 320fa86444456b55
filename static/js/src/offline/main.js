/* The viewer inside an offline HTML export (see explore/offline-html.js): the saved view,
 * where its nodes stood, with pan, zoom and a panel listing each actor's relations and
 * their evidence. Everything it shows comes from the file itself; it asks no server. */
import { $, colorOf, el, pageGlobal, schema } from "../ag.js";
import { GraphView } from "../graph/view.js";

const styles = new Map(schema.relations.map((r) => [r.name, r]));

function legend(data) {
  const items = [];
  for (const t of new Set(data.nodes.map((n) => n.type))) {
    items.push(el("li", {}, el("span", { class: "swatch", style: { "--c": colorOf(t) } }), t));
  }
  for (const r of new Set(data.edges.map((e) => e.type))) {
    const s = styles.get(r) || {};
    items.push(el("li", {}, el("span", { class: `line-swatch ${s.dash || "solid"}${s.symmetric ? " sym" : ""}`, style: { "--c": s.color || "#9aa3b2" } }), " ", s.label || r));
  }
  $("#offline-legend").replaceChildren(el("ul", { class: "legend" }, ...items));
}

function evidenceList(data, evidence) {
  return el("ul", { class: "evidence" },
    ...evidence.map((ev) => {
      const doc = data.documents[ev.document] || {};
      const date = ev.date || doc.date;
      return el("li", {}, el("q", { text: ev.sentence }),
        el("span", { class: "source" }, date ? `${date} · ` : "no date · ", doc.title || ev.document));
    }));
}

/** One line per relation of the node in view, with its evidence. */
function relationRows(viewer, node) {
  const g = viewer.view.graph;
  const rows = [];
  g.forEachEdge(node, (id, attrs, source, target) => {
    const e = viewer.edgesById.get(id);
    const other = source === node ? target : source;
    const style = styles.get(attrs.relType) || {};
    const arrow = style.symmetric ? "↔" : source === node ? "→" : "←";
    rows.push(
      el("li", {},
        el("div", { class: "rel-line" },
          el("span", { class: "dir", text: arrow }),
          el("strong", { text: style.label || attrs.relType }),
          " ",
          el("button", { type: "button", class: "other", onclick: () => select(viewer, other) }, g.getNodeAttribute(other, "label")),
          attrs.role ? el("span", { class: "role", text: " as " + attrs.role }) : null),
        evidenceList(viewer.data, (e && e.evidence) || []))
    );
  });
  return rows;
}

function select(viewer, node) {
  viewer.view.select(node);
  const panel = $("#panel");
  if (!node) {
    panel.hidden = true;
    return;
  }
  const a = viewer.view.graph.getNodeAttributes(node);
  const rows = relationRows(viewer, node);
  $("#panel-body").replaceChildren(
    el("span", { class: "badge", style: { "--c": colorOf(a.nodeType) }, text: a.nodeType }),
    el("h2", { class: "name", text: a.label }),
    rows.length ? el("ul", { class: "relations" }, ...rows) : el("p", { class: "empty", text: "No relation in this view." })
  );
  panel.hidden = false;
}

function open(data) {
  const viewer = { data, edgesById: new Map(data.edges.map((e) => [e.id, e])) };
  const view = new GraphView($("#graph"), { onSelect: (node) => select(viewer, node) });
  viewer.view = view;
  view.merge({ nodes: data.nodes, edges: data.edges.map((e) => ({ ...e, evidence: e.evidence })) });
  for (const n of data.nodes) {
    if (Number.isFinite(n.x) && Number.isFinite(n.y)) view.graph.mergeNodeAttributes(n.id, { x: n.x, y: n.y });
  }
  view.resize();
  pageGlobal.offlineView = view;
  legend(data);
  $("#zoom-in").addEventListener("click", () => view.zoom(1.5));
  $("#zoom-out").addEventListener("click", () => view.zoom(1 / 1.5));
  $("#zoom-fit").addEventListener("click", () => view.fit());
  $("#panel-close").addEventListener("click", () => select(viewer, null));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") select(viewer, null);
  });
  document.body.dataset.ready = "true";
}

const holder = document.getElementById("offline-data");
if (holder) open(JSON.parse(holder.textContent));
