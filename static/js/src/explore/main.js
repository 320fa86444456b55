/* The explorer (/explore): the graph view, its filters, the side panel, the path finder,
 * the time slider, saved views and the exports, wired together here.
 *
 * `app` holds what the modules share: the state (state.js, mirrored in the URL), the view
 * (graph/view.js), the time slider, the names seen, and the actions one module asks of
 * another (app.load, app.select, …). Modules import the helpers below them and call their
 * siblings through `app`, so no two modules import each other. */
import { $, pageGlobal } from "../ag.js";
import { GraphView } from "../graph/view.js";
import { bindControls, syncControls } from "./controls.js";
import { createHistory, expand, removeNode } from "./expand.js";
import { bindExports } from "./exports.js";
import { bindKeyboard } from "./keyboard.js";
import { updateLinks, writeState } from "./links.js";
import { load } from "./load.js";
import { panelInset, select } from "./panel.js";
import { bindPathForm } from "./pathform.js";
import { clearPaths, findPaths, pathFrom, renderAvoided } from "./paths.js";
import { readState } from "./state.js";
import { flash } from "./status.js";
import { TimeSlider } from "./timeline.js";
import { bindSavedViews } from "./views.js";

function layoutButton(running) {
  const b = $("#layout-toggle");
  b.setAttribute("aria-pressed", running ? "true" : "false");
  b.textContent = running ? "Stop layout" : "Run layout";
}

/** The legend's counts of the node and relation types in view. */
function updateCounts(view) {
  const byType = {};
  const byRel = {};
  view.graph.forEachNode((_, a) => {
    byType[a.nodeType] = (byType[a.nodeType] || 0) + 1;
  });
  view.graph.forEachEdge((_, a) => {
    byRel[a.relType] = (byRel[a.relType] || 0) + 1;
  });
  document.querySelectorAll("[data-type-count]").forEach((s) => {
    s.textContent = String(byType[s.dataset.typeCount] || 0);
  });
  document.querySelectorAll("[data-rel-count]").forEach((s) => {
    s.textContent = String(byRel[s.dataset.relCount] || 0);
  });
}

function refocus(app, id) {
  app.state.focus = [id];
  app.state.expand = [];
  app.state.sel = id;
  clearPaths(app);
  app.view.clear();
  syncControls(app);
  app.load();
}

/** The search box in the top bar selects in the graph instead of leaving the page. */
function onSearchPick(app, hit) {
  if (app.view.graph.hasNode(hit.id)) {
    app.select(hit.id);
    return;
  }
  if (!app.state.focus.includes(hit.id)) app.state.focus.push(hit.id);
  app.state.sel = hit.id;
  syncControls(app);
  app.load();
}

function createApp() {
  const app = { state: readState(), names: new Map(), container: $("#graph"), keyCursor: null };
  Object.assign(app, {
    load: () => load(app),
    select: (node, opts) => select(app, node, opts),
    expand: (node, more) => expand(app, node, more),
    removeNode: (node) => removeNode(app, node),
    refocus: (id) => refocus(app, id),
    findPaths: (from, to) => findPaths(app, from, to),
    clearPaths: () => clearPaths(app),
    renderAvoided: () => renderAvoided(app),
    pathFrom,
    flash,
    fit: () => app.view.fit(panelInset()),
  });
  app.history = createHistory(app);
  app.view = new GraphView(app.container, {
    onPin: () => {
      app.state.pins = app.view.pins();
      writeState(app.state);
    },
    onSelect: app.select,
    onExpand: app.expand,
    onChange: () => updateCounts(app.view),
    onLayout: layoutButton,
  });
  app.time = new TimeSlider($("#timeline"), {
    onChange: (until) => {
      app.state.until = until;
      syncControls(app);
      return app.load();
    },
  });
  return app;
}

bindSavedViews();
const app = createApp();
pageGlobal.explorer = { view: app.view, state: app.state, time: app.time, load: app.load };
syncControls(app);
bindControls(app);
bindPathForm(app);
bindExports(app);
bindKeyboard(app);
pageGlobal.onEntityPick = (hit) => onSearchPick(app, hit);
updateLinks(app.state);
app.load();
