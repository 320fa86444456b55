/* The sidebar's filters and view controls: they change the state and reload the view;
 * syncControls puts the state back into them (after a link, "all", "whole graph"). */
import { $ } from "../ag.js";
import { writeState } from "./links.js";
import { applySize } from "./load.js";
import { DEFAULT_RELS, DEFAULT_TYPES, DOC, MENTIONS, sameSet } from "./state.js";

const checked = (selector) => [...document.querySelectorAll(selector + ":checked")].map((i) => i.value);
const checkAll = (selector, values) => document.querySelectorAll(selector).forEach((i) => (i.checked = values.includes(i.value)));
let reloadTimer = null;

export function syncControls(app) {
  const { state } = app;
  checkAll('#legend input[name="type"]', state.types);
  checkAll('#relations input[name="rel"]', state.rels);
  $("#since").value = state.since;
  $("#until").value = state.until;
  $("#doc-filter").value = state.docs[0] || "";
  $("#depth").value = String(state.depth);
  $("#depth").disabled = !state.focus.length;
  $("#size-by").value = state.size;
  $("#show-isolated").checked = state.iso;
  $("#path-k").value = String(state.pk);
  $("#path-len").value = String(state.plen);
  $("#path-hub").value = state.phub ? String(state.phub) : "";
  checkAll('input[name="path-rel"]', state.prel);
  app.renderAvoided();
}

function reloadSoon(app) {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(app.load, 150);
}

function bindTypes(app) {
  const { state } = app;
  $("#legend").addEventListener("change", () => {
    state.types = checked('#legend input[name="type"]');
    // Documents only connect through MENTIONS: showing them turns that relation on.
    if (state.types.includes(DOC) && !state.rels.includes(MENTIONS)) {
      state.rels.push(MENTIONS);
      syncControls(app);
    }
    reloadSoon(app);
  });
  $("#relations").addEventListener("change", () => {
    state.rels = checked('#relations input[name="rel"]');
    reloadSoon(app);
  });
  $("#types-all").addEventListener("click", () => {
    state.types = sameSet(state.types, DEFAULT_TYPES) ? [] : [...DEFAULT_TYPES];
    syncControls(app);
    reloadSoon(app);
  });
  $("#rels-all").addEventListener("click", () => {
    state.rels = sameSet(state.rels, DEFAULT_RELS) ? [] : [...DEFAULT_RELS];
    syncControls(app);
    reloadSoon(app);
  });
}

function bindEvidence(app) {
  const { state } = app;
  for (const id of ["since", "until"]) {
    $("#" + id).addEventListener("change", (e) => {
      state[id] = e.target.value;
      reloadSoon(app);
    });
  }
  $("#doc-filter").addEventListener("change", (e) => {
    state.docs = e.target.value ? [e.target.value] : [];
    reloadSoon(app);
  });
  $("#show-isolated").addEventListener("change", (e) => {
    state.iso = e.target.checked;
    reloadSoon(app);
  });
}

function bindView(app) {
  const { state, view } = app;
  $("#depth").addEventListener("change", (e) => {
    state.depth = parseInt(e.target.value, 10) || 1;
    reloadSoon(app);
  });
  $("#size-by").addEventListener("change", async (e) => {
    state.size = e.target.value;
    writeState(state);
    await applySize(app);
  });
  $("#layout-toggle").addEventListener("click", () => {
    if (view.isLayoutRunning()) view.stopLayout();
    else view.runLayout(30000);
  });
  $("#reset-view").addEventListener("click", () => {
    state.focus = [];
    state.expand = [];
    state.sel = null;
    app.clearPaths();
    syncControls(app);
    app.load();
  });
  $("#undo").addEventListener("click", app.history.undo);
  $("#redo").addEventListener("click", app.history.redo);
  $("#zoom-in").addEventListener("click", () => view.zoom(1.5));
  $("#zoom-out").addEventListener("click", () => view.zoom(1 / 1.5));
  $("#zoom-fit").addEventListener("click", () => app.fit());
  $("#panel-close").addEventListener("click", () => app.select(null));
}

/** On a phone the sidebar is a drawer; app.drawer(open) opens or closes it. */
function bindDrawer(app) {
  const sidebar = $("#sidebar");
  app.drawer = (open) => {
    sidebar.classList.toggle("open", open);
    $("#drawer-toggle").setAttribute("aria-expanded", open ? "true" : "false");
    if (open) sidebar.querySelector("input, select, button").focus();
  };
  $("#drawer-toggle").addEventListener("click", () => app.drawer(!sidebar.classList.contains("open")));
  $("#drawer-close").addEventListener("click", () => {
    app.drawer(false);
    $("#drawer-toggle").focus();
  });
  $("#skip-panel").addEventListener("click", (e) => {
    e.preventDefault();
    const panel = $("#panel");
    if (panel.hidden) {
      app.flash("Select a node first: its details open in the panel");
      app.container.focus();
    } else panel.focus();
  });
}

export function bindControls(app) {
  bindTypes(app);
  bindEvidence(app);
  bindView(app);
  bindDrawer(app);
}
