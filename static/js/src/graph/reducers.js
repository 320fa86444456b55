/* What each node and edge looks like in the current state of the view: a path shown, a
 * node hovered (its neighbours stay, the rest fades), a node selected. */
import { EDGE, FADED, PATH, fade } from "./appearance.js";

export function reduceNode(view, node, data) {
  const res = { ...data };
  const { highlight, hovered } = view;
  if (highlight) {
    if (highlight.nodes.has(node)) {
      res.forceLabel = true;
      res.zIndex = 2;
    } else {
      res.color = FADED;
      res.label = "";
      res.zIndex = 0;
    }
  }
  if (hovered) {
    if (node === hovered || view.hoverNeighbours.has(node)) {
      res.forceLabel = true;
      res.zIndex = 3;
    } else if (!highlight || !highlight.nodes.has(node)) {
      res.color = FADED;
      res.label = "";
    }
  }
  if (node === view.selected) {
    res.highlighted = true;
    res.forceLabel = true;
    res.zIndex = 4;
  }
  return res;
}

export function reduceEdge(view, edge, data) {
  const g = view.graph;
  const { highlight, hovered } = view;
  const res = { ...data, color: g.size > 3000 ? fade(data.baseColor || EDGE) : data.baseColor || EDGE, label: null };
  if (view.captionsOn) res.label = data.caption;
  if (highlight) {
    if (highlight.edges.has(edge)) {
      res.color = PATH;
      res.size = 3;
      res.zIndex = 2;
    } else res.color = "#eceef2";
  }
  if (hovered) {
    const [s, t] = g.extremities(edge);
    if (s === hovered || t === hovered) {
      res.color = highlight && highlight.edges.has(edge) ? PATH : data.baseColor || "#5b6476";
      res.size = Math.max(res.size, 1.6);
      res.zIndex = 3;
      res.label = data.caption;
    } else if (!highlight || !highlight.edges.has(edge)) res.hidden = true;
  }
  return res;
}
