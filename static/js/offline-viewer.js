/* The viewer inside an offline HTML export (see offline.js): the saved view, where its nodes
 * stood, with pan, zoom and a panel listing each actor's relations and their evidence.
 * Everything it shows comes from the file itself; it asks no server. */
(function () {
  "use strict";

  const AG = window.AG;
  const el = AG.el;
  const $ = (sel) => document.querySelector(sel);
  const holder = document.getElementById("offline-data");
  if (!holder) return;
  const data = JSON.parse(holder.textContent);
  const styles = new Map(AG.schema.relations.map((r) => [r.name, r]));
  const edgesById = new Map(data.edges.map((e) => [e.id, e]));

  const view = new AG.GraphView($("#graph"), { onSelect: (node) => select(node) });
  view.merge({ nodes: data.nodes, edges: data.edges.map((e) => ({ ...e, evidence: e.evidence })) });
  for (const n of data.nodes) {
    if (Number.isFinite(n.x) && Number.isFinite(n.y)) view.graph.mergeNodeAttributes(n.id, { x: n.x, y: n.y });
  }
  view.resize();
  AG.offlineView = view;

  function legend() {
    const box = $("#offline-legend");
    const nodeTypes = new Set(data.nodes.map((n) => n.type));
    const relTypes = new Set(data.edges.map((e) => e.type));
    const items = [];
    for (const t of nodeTypes) {
      items.push(el("li", {}, el("span", { class: "swatch", style: { "--c": AG.colorOf(t) } }), t));
    }
    for (const r of relTypes) {
      const s = styles.get(r) || {};
      items.push(el("li", {}, el("span", { class: `line-swatch ${s.dash || "solid"}${s.symmetric ? " sym" : ""}`, style: { "--c": s.color || "#9aa3b2" } }), " ", s.label || r));
    }
    box.replaceChildren(el("ul", { class: "legend" }, ...items));
  }

  function select(node) {
    view.select(node);
    const panel = $("#panel");
    if (!node) {
      panel.hidden = true;
      return;
    }
    const g = view.graph;
    const a = g.getNodeAttributes(node);
    const rows = [];
    g.forEachEdge(node, (id, attrs, source, target) => {
      const e = edgesById.get(id);
      const other = source === node ? target : source;
      const style = styles.get(attrs.relType) || {};
      const arrow = style.symmetric ? "↔" : source === node ? "→" : "←";
      const evidence = (e && e.evidence) || [];
      rows.push(
        el("li", {},
          el("div", { class: "rel-line" },
            el("span", { class: "dir", text: arrow }),
            el("strong", { text: style.label || attrs.relType }),
            " ",
            el("button", { type: "button", class: "other", onclick: () => select(other) }, g.getNodeAttribute(other, "label")),
            attrs.role ? el("span", { class: "role", text: " as " + attrs.role }) : null),
          el("ul", { class: "evidence" },
            ...evidence.map((ev) => {
              const doc = data.documents[ev.document] || {};
              const date = ev.date || doc.date;
              return el("li", {}, el("q", { text: ev.sentence }),
                el("span", { class: "source" }, date ? `${date} · ` : "no date · ", doc.title || ev.document));
            })))
      );
    });
    $("#panel-body").replaceChildren(
      el("span", { class: "badge", style: { "--c": AG.colorOf(a.nodeType) }, text: a.nodeType }),
      el("h2", { class: "name", text: a.label }),
      rows.length ? el("ul", { class: "relations" }, ...rows) : el("p", { class: "empty", text: "No relation in this view." })
    );
    panel.hidden = false;
  }

  legend();
  $("#zoom-in").addEventListener("click", () => view.zoom(1.5));
  $("#zoom-out").addEventListener("click", () => view.zoom(1 / 1.5));
  $("#zoom-fit").addEventListener("click", () => view.fit());
  $("#panel-close").addEventListener("click", () => select(null));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") select(null);
  });
  document.body.dataset.ready = "true";
})();
