/* The profile page's small neighbourhood graph: the actor and its direct neighbours.
 * The lists beside it are rendered on the server; this only adds the picture. */
import { api, apiPath, el, entityHref, pageGlobal } from "../ag.js";
import { GraphView } from "../graph/view.js";

async function draw(box, id) {
  let data;
  try {
    data = await api(apiPath("/api/entities/", id) + "/neighbors", { depth: 1, limit: 150, evidence: "none" });
  } catch (err) {
    box.replaceChildren(el("p", { class: "empty", role: "alert", text: `The neighbourhood could not be loaded: ${err.message}` }));
    return;
  }
  if (data.nodes.length < 2) {
    box.replaceChildren(el("p", { class: "empty", text: "No neighbour yet." }));
    return;
  }
  box.replaceChildren();
  const view = new GraphView(box, {
    compact: true,
    // Clicking a neighbour opens its profile; the actor itself is already here.
    onSelect: (node) => {
      if (node && node !== id) window.location.assign(entityHref(node));
    },
    onExpand: (node) => window.location.assign(`/explore?focus=${encodeURIComponent(node)}&depth=1`),
  });
  view.merge(data);
  view.select(id);
  view.runLayout(1500);
  pageGlobal.miniGraph = view;
}

const box = document.getElementById("mini-graph");
if (box) draw(box, box.dataset.entity);
