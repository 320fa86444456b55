/* Growing and shrinking the view by hand: expanding a node's neighbours (the best first,
 * "N more" on request), removing a node, and undo/redo of both. */
import { $, el } from "../ag.js";
import { expansionOf, neighboursOf, topNeighbours } from "./data.js";
import { writeState } from "./links.js";
import { applySize, label, remember } from "./load.js";
import { busy, flash, idle, showError } from "./status.js";

const EXPAND_TOP = 12; // neighbours an expansion adds at a time, best supported first
const UNDO_DEPTH = 50;

/** Undo and redo stacks of view snapshots (graph, expansions, removals, selection). */
export function createHistory(app) {
  const undoStack = [];
  const redoStack = [];
  const buttons = () => {
    $("#undo").disabled = !undoStack.length;
    $("#redo").disabled = !redoStack.length;
  };
  const snapshot = () => ({ graph: app.view.snapshot(), expand: [...app.state.expand], hide: [...app.state.hide], sel: app.state.sel });
  const restoreFrom = (from, to) => {
    if (!from.length) return;
    to.push(snapshot());
    const snap = from.pop();
    app.view.restore(snap.graph);
    app.state.expand = snap.expand;
    app.state.hide = snap.hide;
    moreBar(app, null);
    app.select(snap.sel && app.view.graph.hasNode(snap.sel) ? snap.sel : null, { keepCamera: true });
    writeState(app.state);
    buttons();
  };
  return {
    checkpoint() {
      undoStack.push(snapshot());
      if (undoStack.length > UNDO_DEPTH) undoStack.shift();
      redoStack.length = 0;
      buttons();
    },
    reset() {
      undoStack.length = 0;
      redoStack.length = 0;
      buttons();
    },
    undo: () => restoreFrom(undoStack, redoStack),
    redo: () => restoreFrom(redoStack, undoStack),
  };
}

/** How many neighbours the next expansion of `node` shows (null: all of them). */
function nextCount(state, node, more) {
  const entry = state.expand.find((x) => expansionOf(x).id === node);
  const before = entry ? expansionOf(entry).shown : 0;
  return before === null ? null : (more ? before : 0) + EXPAND_TOP;
}

export async function expand(app, node, more) {
  if (!node) return;
  const { state, view } = app;
  busy("Expanding…");
  try {
    const data = await neighboursOf(state, node);
    remember(app, data);
    const { part, shown, rest } = topNeighbours(state, node, data, new Set(view.graph.nodes()), nextCount(state, node, more));
    app.history.checkpoint();
    const added = view.merge(part, node);
    state.expand = state.expand.filter((x) => expansionOf(x).id !== node);
    if (!state.focus.includes(node)) state.expand.push(rest ? `${node}~${shown}` : node);
    writeState(state);
    idle();
    const name = label(app, node);
    flash(added.length ? `+${added.length} node${added.length === 1 ? "" : "s"} around ${name}` : `All neighbours of ${name} are already shown`);
    moreBar(app, rest ? { node, rest } : null);
    if (added.length) {
      await applySize(app);
      view.runLayout(Math.min(1500 + added.length * 20, 6000));
    }
  } catch (err) {
    idle();
    showError(err, () => expand(app, node, more));
  }
}

/** "N more": the neighbours an expansion left out, the next best on request. */
export function moreBar(app, pending) {
  const bar = $("#more-bar");
  if (!pending) {
    bar.hidden = true;
    bar.replaceChildren();
    return;
  }
  const next = Math.min(EXPAND_TOP, pending.rest);
  bar.replaceChildren(
    el("span", { text: `${label(app, pending.node)}: ${pending.rest} more neighbour${pending.rest === 1 ? "" : "s"} not shown` }),
    el("button", { type: "button", id: "more-button", onclick: () => expand(app, pending.node, true) }, `Show ${next} more`),
    el("button", { type: "button", class: "link", "aria-label": "Dismiss", onclick: () => moreBar(app, null) }, "×")
  );
  bar.hidden = false;
}

/** Take a node out of the view (kept out on reload: hide= in the URL); undo brings it back. */
export function removeNode(app, node) {
  const { state, view } = app;
  if (!node || !view.graph.hasNode(node)) return;
  app.history.checkpoint();
  const name = label(app, node);
  if (!state.hide.includes(node)) state.hide.push(node);
  state.expand = state.expand.filter((x) => expansionOf(x).id !== node);
  if (state.sel === node) app.select(null);
  view.remove([node]);
  writeState(state);
  flash(`${name} removed from the view — Ctrl+Z brings it back`);
}
