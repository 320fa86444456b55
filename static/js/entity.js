/* The profile page's small neighbourhood graph: the actor and its direct neighbours.
 * The lists beside it are rendered on the server; this only adds the picture. */
(function () {
  "use strict";

  const AG = window.AG;
  const box = document.getElementById("mini-graph");
  if (!box || !window.ActorGraphLibs) return;
  const id = box.dataset.entity;

  async function draw() {
    let data;
    try {
      data = await AG.api(AG.apiPath("/api/entities/", id) + "/neighbors", { depth: 1, limit: 150 });
    } catch (err) {
      box.replaceChildren(AG.el("p", { class: "empty", role: "alert", text: `The neighbourhood could not be loaded: ${err.message}` }));
      return;
    }
    if (data.nodes.length < 2) {
      box.replaceChildren(AG.el("p", { class: "empty", text: "No neighbour yet." }));
      return;
    }
    box.replaceChildren();
    const view = new AG.GraphView(box, {
      compact: true,
      // Clicking a neighbour opens its profile; the actor itself is already here.
      onSelect: (node) => {
        if (node && node !== id) window.location.assign(AG.entityHref(node));
      },
      onExpand: (node) => window.location.assign(`/explore?focus=${encodeURIComponent(node)}&depth=1`),
    });
    view.merge(data);
    view.select(id);
    view.runLayout(1500);
    AG.miniGraph = view;
  }

  draw();
})();
