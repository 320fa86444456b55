/* Loading a view: the graph the state describes into the view, the timeline's counts, the
 * node sizes; then the selection and the paths the URL asked for. */
import { api } from "../ag.js";
import { fetchView, shownPart, truncationNote } from "./data.js";
import { writeState } from "./links.js";
import { MENTIONS, filterParams } from "./state.js";
import { busy, hideError, idle, note, setEmpty, showError } from "./status.js";

let loadToken = 0;
let timelineKey = null;

/** Every id seen, with its name and type, for labels in lists. */
export function remember(app, data) {
  for (const n of data.nodes || []) app.names.set(n.id, { name: n.name, type: n.type });
}

/** A node's name: from the view, else from what was seen, else its id. */
export function label(app, id) {
  if (app.view.graph.hasNode(id)) return app.view.graph.getNodeAttribute(id, "label");
  return (app.names.get(id) || {}).name || id;
}

function emptyMessage(state) {
  if (!state.types.length) return "Pick at least one node type on the left.";
  if (state.focus.length) return "No node matches these filters around the focus.";
  return "No node matches these filters. The store may be empty: ingest documents with actorgraph ingest.";
}

export async function load(app) {
  const { state, view } = app;
  const token = ++loadToken;
  hideError();
  busy(state.focus.length ? "Loading the neighbourhood…" : "Loading the graph…");
  writeState(state);
  let data;
  try {
    data = await fetchView(state);
  } catch (err) {
    if (token !== loadToken) return;
    idle();
    showError(err, app.load);
    return;
  }
  if (token !== loadToken) return;
  refreshTimeline(app);
  const cut = truncationNote(data.truncated);
  data = shownPart(state, data);
  remember(app, data);
  performance.mark("ag:data");
  const before = view.graph.order;
  app.history.reset(); // a new view: its history starts again
  const added = view.replace(data);
  view.applyPins(state.pins);
  performance.mark("ag:built");
  idle();
  if (cut) note(cut);
  setEmpty(data.nodes.length ? null : emptyMessage(state));
  await applySize(app);
  if (added.length > before * 0.3 || !before) view.runLayout();
  if (!before) setTimeout(() => app.fit(), 50);
  if (state.sel && view.graph.hasNode(state.sel)) app.select(state.sel, { keepCamera: true });
  else if (state.sel && !view.graph.hasNode(state.sel)) app.select(null);
  if (state.from && state.to && !view.highlight) app.findPaths(state.from, state.to);
}

/** The histogram above the graph counts the evidence of the relations, documents and
 * focus in view (all months: the slider itself moves `until`). */
async function refreshTimeline(app) {
  const { state, time } = app;
  const params = {
    relations: state.rels.filter((r) => r !== MENTIONS),
    documents: state.docs,
    actor: state.focus.length === 1 ? state.focus[0] : null,
    since: state.since || null,
  };
  const key = JSON.stringify(params);
  if (key === timelineKey) {
    time.setUntil(state.until);
    return;
  }
  timelineKey = key;
  if (!params.relations.length) {
    time.setCounts({ months: [], undated: 0 }, state.until);
    return;
  }
  try {
    time.setCounts(await api("/api/timeline", params), state.until);
  } catch (err) {
    timelineKey = null;
    time.setCounts({ months: [], undated: 0 }, state.until);
  }
}

export async function applySize(app) {
  const { state, view } = app;
  if (state.size === "degree") {
    view.setSizeBy("degree");
    return;
  }
  try {
    const answer = await api("/api/analytics", { metric: state.size, limit: 500, ...filterParams(state) });
    view.setSizeBy(state.size, new Map(answer.results.map((r) => [r.id, r.score])));
  } catch (err) {
    showError(err);
    view.setSizeBy("degree");
  }
}
