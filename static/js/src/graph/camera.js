/* Moving the camera: fit, zoom, keep a node in sight, and the neighbour in a direction. */

export function focusNode(view, node, ratio) {
  if (!view.graph.hasNode(node)) return;
  const d = view.renderer.getNodeDisplayData(node);
  if (!d) return;
  view.renderer.getCamera().animate({ x: d.x, y: d.y, ratio: ratio || 0.6 }, { duration: 450 });
}

/** Fit the whole graph into the part of the view that `inset` pixels on the right (an
 * open side panel) leave visible. */
export function fit(view, inset) {
  const camera = view.renderer.getCamera();
  const { width } = view.renderer.getDimensions();
  const visible = width - (inset || 0);
  if (!inset || visible < width * 0.3) {
    camera.animatedReset({ duration: 350 });
    return;
  }
  const ratio = width / visible;
  camera.animate({ x: 0.5 + (inset / 2 / width) * ratio, y: 0.5, ratio, angle: 0 }, { duration: 350 });
}

/** Pan (never zoom) so the node is in the visible part of the view, if it is not. */
export function ensureVisible(view, node, inset) {
  if (!view.graph.hasNode(node)) return;
  const r = view.renderer;
  const { width, height } = r.getDimensions();
  const right = width - (inset || 0);
  const p = r.graphToViewport(view.graph.getNodeAttributes(node));
  const margin = 40;
  if (p.x > margin && p.x < right - margin && p.y > margin && p.y < height - margin) return;
  const camera = r.getCamera();
  // the camera moves by what separates the node from the visible area's centre
  const at = r.viewportToFramedGraph(p);
  const want = r.viewportToFramedGraph({ x: right / 2, y: height / 2 });
  camera.animate({ x: camera.x + (at.x - want.x), y: camera.y + (at.y - want.y) }, { duration: 400 });
}

export function zoom(view, factor) {
  const camera = view.renderer.getCamera();
  if (factor > 1) camera.animatedZoom({ duration: 250, factor });
  else camera.animatedUnzoom({ duration: 250, factor: 1 / factor });
}

/** The neighbour of `node` that lies most in the direction (dx, dy) on screen. */
export function neighbourToward(view, node, dx, dy) {
  if (!view.graph.hasNode(node)) return null;
  const r = view.renderer;
  const at = (n) => r.graphToViewport(view.graph.getNodeAttributes(n));
  const from = at(node);
  let best = null;
  let bestScore = -Infinity;
  view.graph.forEachNeighbor(node, (n) => {
    const p = at(n);
    const vx = p.x - from.x;
    const vy = p.y - from.y;
    const len = Math.hypot(vx, vy) || 1;
    const score = (vx * dx + vy * dy) / len - len / 5000;
    if (score > bestScore) {
      bestScore = score;
      best = n;
    }
  });
  return best;
}
