/* ForceAtlas2: a few synchronous steps for small graphs, then the worker for a while. */
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";

export function runLayout(view, ms) {
  const g = view.graph;
  if (g.order < 2) return;
  stopLayout(view);
  const settings = forceAtlas2.inferSettings(g);
  settings.barnesHutOptimize = g.order > 400;
  // Small graphs: spread out so that labels have room.
  if (g.order <= 400) {
    settings.scalingRatio = 14;
    settings.gravity = 0.6;
    settings.slowDown = 3;
    forceAtlas2.assign(g, { iterations: 150, settings });
  }
  view.layout = new FA2Layout(g, { settings });
  view.layout.start();
  layoutState(view, true);
  const duration = ms || Math.min(2000 + g.order * 2, 15000);
  view.layoutTimer = setTimeout(() => stopLayout(view), duration);
}

export function stopLayout(view) {
  clearTimeout(view.layoutTimer);
  if (view.layout) {
    view.layout.kill();
    view.layout = null;
  }
  layoutState(view, false);
}

function layoutState(view, running) {
  view.container.dataset.layout = running ? "running" : "stopped";
  if (view.options.onLayout) view.options.onLayout(running);
}
