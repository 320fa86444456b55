/* Where new nodes go and how big nodes are drawn. */

/** New nodes go next to a placed neighbour (or the anchor), else on a disc. */
export function placeFresh(g, anchor, spread) {
  const fresh = g.filterNodes((_, a) => a.fresh);
  if (!fresh.length) return;
  const placedBefore = g.order - fresh.length;
  const radius = placedBefore ? spread / 3 : Math.sqrt(fresh.length) * 10;
  // Several passes so chains of new nodes grow out of already placed ones.
  let pending = fresh;
  for (let pass = 0; pass < 3 && pending.length; pass++) {
    const still = pending.filter((id) => !placeNearNeighbours(g, id, anchor, radius));
    if (still.length === pending.length) break;
    pending = still;
  }
  pending.forEach((id, i) => {
    // spread evenly over a disc (golden angle), a fair start for ForceAtlas2
    const angle = i * 2.399963;
    const r = radius * Math.sqrt((i + 0.5) / pending.length);
    g.mergeNodeAttributes(id, { x: r * Math.cos(angle), y: r * Math.sin(angle), fresh: false });
  });
}

/** A fresh node near the centre of its placed neighbours (or the anchor); false if none. */
function placeNearNeighbours(g, id, anchor, radius) {
  let px = 0;
  let py = 0;
  let k = 0;
  g.forEachNeighbor(id, (_, a) => {
    if (!a.fresh) {
      px += a.x;
      py += a.y;
      k++;
    }
  });
  if (!k && anchor) {
    px = anchor.x;
    py = anchor.y;
    k = 1;
  }
  if (!k) return false;
  const angle = Math.random() * 2 * Math.PI;
  const r = (0.3 + Math.random() * 0.7) * Math.max(radius / 4, 8);
  g.mergeNodeAttributes(id, { x: px / k + r * Math.cos(angle), y: py / k + r * Math.sin(angle), fresh: false });
  return true;
}

/** Node sizes from degree or a centrality score, and the label and edge settings that
 * suit the graph's size. */
export function applySizes(view) {
  const g = view.graph;
  if (!g.order) return;
  const compact = view.options.compact;
  const big = g.order > 2000;
  const min = big ? 1.5 : compact ? 4 : 4.5;
  const max = big ? 12 : compact ? 14 : 22;
  const value = (n) => {
    if (view.sizeBy !== "degree" && view.scores) return view.scores.get(n) || 0;
    return g.degree(n);
  };
  let top = 0;
  g.forEachNode((n) => {
    top = Math.max(top, value(n));
  });
  // No update hints: sigma then re-indexes, which nodes added in this same tick need.
  g.updateEachNodeAttributes((n, a) => {
    a.size = min + (max - min) * (top > 0 ? Math.sqrt(value(n) / top) : 0);
    return a;
  });
  const r = view.renderer;
  // Big graphs drop their edges while the camera moves, so panning stays fluid; the
  // threshold is far lower where WebGL runs on the CPU.
  r.setSetting("hideEdgesOnMove", g.size > (view.software ? 3000 : 60000));
  // Small graphs can show every label; big ones only the larger nodes'.
  r.setSetting("labelDensity", g.order < 150 ? 0.6 : g.order < 1000 ? 0.3 : 0.1);
  r.setSetting("labelRenderedSizeThreshold", g.order < 150 ? 0 : compact ? 8 : 9);
}
