/* Pointer events on the graph: hover, click, double-click, and dragging a node (which pins
 * it until the next layout run). */

export function bindEvents(view) {
  const r = view.renderer;
  const opts = view.options;
  r.on("enterNode", ({ node }) => {
    if (!view.dragged) view.setHovered(node);
    view.container.style.cursor = "pointer";
  });
  r.on("leaveNode", () => {
    if (!view.dragged) view.setHovered(null);
    view.container.style.cursor = "";
  });
  r.on("clickNode", ({ node }) => {
    if (view.dragMoved) return;
    if (opts.onSelect) opts.onSelect(node);
  });
  r.on("doubleClickNode", (e) => {
    e.event.preventSigmaDefault();
    if (opts.onExpand) opts.onExpand(e.node);
  });
  r.on("clickStage", () => {
    if (opts.onSelect) opts.onSelect(null);
  });
  bindDrag(view);
}

function bindDrag(view) {
  const r = view.renderer;
  r.on("downNode", (e) => {
    view.dragged = e.node;
    view.dragMoved = false;
    if (!r.getCustomBBox()) r.setCustomBBox(r.getBBox());
  });
  const captor = r.getMouseCaptor();
  captor.on("mousemovebody", (e) => {
    if (!view.dragged) return;
    view.dragMoved = true;
    const p = r.viewportToGraph(e);
    view.graph.mergeNodeAttributes(view.dragged, { x: p.x, y: p.y });
    e.preventSigmaDefault();
    e.original.preventDefault();
    e.original.stopPropagation();
  });
  captor.on("mouseup", () => {
    if (!view.dragged) return;
    if (view.dragMoved) view.pin(view.dragged, true);
    view.dragged = null;
    r.setCustomBBox(null);
    setTimeout(() => {
      view.dragMoved = false;
    }, 0);
  });
}

/** Notes on the container when the first frame that holds data was drawn (ms since
 * navigation): what the benchmark reports. */
export function markFirstRender(view) {
  const r = view.renderer;
  const firstData = () => {
    if (!view.graph.order) return;
    view.firstRenderAt = performance.now();
    view.container.dataset.firstRender = String(Math.round(view.firstRenderAt));
    r.off("afterRender", firstData);
  };
  r.on("afterRender", firstData);
}
