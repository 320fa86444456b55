/* The keyboard. Esc, from anywhere: closes the autocomplete list first (its own handler),
 * then the drawer, then the panel, then clears paths. Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo
 * and redo. On the graph: arrows walk to the neighbour in that direction, Enter opens the
 * panel, Delete removes the selected node, + - 0 zoom. */
import { $ } from "../ag.js";
import { label } from "./load.js";
import { panelInset } from "./panel.js";
import { flash } from "./status.js";

const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** From the selected node (or the best-connected one) to its neighbour in that direction:
 * the node is highlighted and announced; Enter opens its panel. */
function walk(app, [dx, dy]) {
  const { view, container } = app;
  const g = view.graph;
  if (!g.order) return;
  const from = app.state.sel || app.keyCursor;
  let next;
  if (!from || !g.hasNode(from)) {
    let best = -1;
    g.forEachNode((n) => {
      if (g.degree(n) > best) {
        best = g.degree(n);
        next = n;
      }
    });
  } else next = view.neighbourToward(from, dx, dy);
  if (!next) {
    flash(`${label(app, from)} has no neighbour in view`);
    return;
  }
  app.keyCursor = next;
  view.select(next);
  view.ensureVisible(next, panelInset());
  container.setAttribute("aria-activedescendant", "");
  container.dataset.cursor = next;
  flash(`${label(app, next)} (${g.getNodeAttribute(next, "nodeType")}, ${g.degree(next)} links) — Enter for details`);
}

function escape(app, e) {
  const ac = e.target.closest && e.target.closest(".ac-wrap");
  if (ac && ac.querySelector(".ac-list:not([hidden])")) return;
  if ($("#sidebar").classList.contains("open")) {
    app.drawer(false);
    $("#drawer-toggle").focus();
  } else if (!$("#panel").hidden) {
    const fromPanel = $("#panel").contains(document.activeElement);
    app.select(null);
    if (fromPanel) app.container.focus();
  } else if (app.view.highlight) app.clearPaths();
}

/** Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y outside text fields; true when the key was one of them. */
function undoKeys(app, e) {
  const typing = e.target.closest && e.target.closest("input, textarea, select, [contenteditable]");
  if (typing || !(e.ctrlKey || e.metaKey)) return false;
  const key = e.key.toLowerCase();
  if (key !== "z" && key !== "y") return false;
  e.preventDefault();
  if (key === "z" && !e.shiftKey) app.history.undo();
  else app.history.redo();
  return true;
}

function onGraph(app, e) {
  const { state, view } = app;
  if ((e.key === "Delete" || e.key === "Backspace") && state.sel) {
    e.preventDefault();
    app.removeNode(state.sel);
    return;
  }
  if (e.key === "+" || e.key === "=") view.zoom(1.5);
  else if (e.key === "-") view.zoom(1 / 1.5);
  else if (e.key === "0") app.fit();
  else if (e.key === "Enter" && (state.sel || (app.keyCursor && view.graph.hasNode(app.keyCursor)))) {
    e.preventDefault();
    app.select(state.sel || app.keyCursor);
    $("#panel").focus();
  } else if (ARROWS[e.key]) {
    e.preventDefault();
    walk(app, ARROWS[e.key]);
  }
}

export function bindKeyboard(app) {
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !e.defaultPrevented) return escape(app, e);
    if (undoKeys(app, e)) return;
    if (e.target === app.container) onGraph(app, e);
  });
}
