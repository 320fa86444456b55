/* The path finder: the shortest paths between two actors (GET /api/paths), drawn over the
 * graph and listed step by step, with actors, relation types and hubs to go around. */
import { $, ApiError, api, apiPath, el, searchHits } from "../ag.js";
import { edgeEvidence } from "./edge-evidence.js";
import { writeState } from "./links.js";
import { label, remember } from "./load.js";

const WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function clearPaths(app) {
  app.state.from = null;
  app.state.to = null;
  app.view.setHighlight(null);
  $("#path-result").replaceChildren();
}

function ask(state, fromId, toId) {
  return api("/api/paths", {
    source: fromId,
    target: toId,
    max_length: state.plen,
    k: state.pk,
    exclude: state.px,
    exclude_relations: state.prel,
    max_degree: state.phub,
    evidence: "none", // a step's sentences are fetched when it is opened
  });
}

function showEnds(answer) {
  for (const [input, end] of [[$("#path-from"), answer.source], [$("#path-to"), answer.target]]) {
    input.value = end.name;
    input.dataset.pickedId = end.id;
  }
}

export async function findPaths(app, fromId, toId) {
  const { state, view } = app;
  const out = $("#path-result");
  out.replaceChildren(el("p", { class: "loading", text: "Looking for paths…" }));
  let answer;
  try {
    answer = await ask(state, fromId, toId);
  } catch (err) {
    out.replaceChildren(el("p", { class: "error-inline", role: "alert" }, el("strong", { text: err.title || "Error" }), " ", err.detail || ""));
    return;
  }
  state.from = fromId;
  state.to = toId;
  writeState(state);
  showEnds(answer);
  if (!answer.paths.length) {
    view.setHighlight(null);
    const around = state.px.length || state.prel.length || state.phub ? " around what is avoided" : "";
    out.replaceChildren(el("p", { class: "empty", text: `No path of up to ${plural(state.plen, "relation")} between ${answer.source.name} and ${answer.target.name}${around}.` }));
    return;
  }
  const all = drawPaths(app, answer.paths);
  const ol = el("ol", {}, ...answer.paths.map((p) => pathItem(app, p, all)));
  out.scrollIntoView({ block: "nearest" });
  out.replaceChildren(el("p", { class: "muted", id: "path-summary", text: pathSummary(state, answer.paths) }), ol);
}

/** Paths may run through actors not in the view: add them, then highlight every path. */
function drawPaths(app, paths) {
  const data = { nodes: [], edges: [] };
  for (const p of paths) {
    data.nodes.push(...p.nodes);
    data.edges.push(...p.edges.map((e) => ({ ...e, role: e.properties && e.properties.role })));
  }
  remember(app, data);
  const added = app.view.merge(data);
  if (added.length) app.view.runLayout(2000);
  const all = { nodes: data.nodes.map((n) => n.id), edges: data.edges.map((e) => e.id) };
  app.view.setHighlight(all);
  return all;
}

/** One path as a line of steps; hovering it highlights that path alone. */
function pathItem(app, p, all) {
  const steps = [];
  const li = el("li", { "data-length": String(p.length) });
  p.nodes.forEach((n, i) => {
    if (i > 0) {
      const e = p.edges[i - 1];
      const forward = e.source === p.nodes[i - 1].id;
      steps.push(stepButton(li, e, forward ? `–${e.type}→` : `←${e.type}–`));
    }
    const inner = i > 0 && i < p.nodes.length - 1;
    steps.push(
      el("span", { class: "path-step" },
        el("button", { type: "button", class: "link", onclick: () => app.select(n.id) }, n.name),
        inner
          ? el("button", { type: "button", class: "link avoid", title: `Find paths around ${n.name}`, "aria-label": `Avoid ${n.name}`, "data-avoid": n.id, onclick: () => avoidActor(app, n.id, n.name, true) }, "⊘")
          : null)
    );
  });
  li.append(el("span", { class: "path-len", text: `${plural(p.length, "step")}:` }), ...steps);
  li.addEventListener("mouseenter", () => app.view.setHighlight({ nodes: p.nodes.map((n) => n.id), edges: p.edges.map((e) => e.id) }));
  li.addEventListener("mouseleave", () => app.view.setHighlight(all));
  return li;
}

/** A step's relation: a button that opens (and closes) its sentences below the path. */
function stepButton(li, e, text) {
  const title = e.summary ? `${e.summary.evidence} sentence${e.summary.evidence === 1 ? "" : "s"}: show them` : "Show the sentences";
  const button = el("button", { type: "button", class: "link path-rel", title, "aria-expanded": "false", "data-edge": e.id }, text);
  button.addEventListener("click", () => {
    const open = li.querySelector(`.edge-evidence-box[data-for="${CSS.escape(e.id)}"]`);
    if (open) {
      open.remove();
      button.setAttribute("aria-expanded", "false");
      return;
    }
    const box = edgeEvidence(e.id);
    box.dataset.for = e.id;
    li.append(box);
    button.setAttribute("aria-expanded", "true");
  });
  return button;
}

/** "3 shortest paths: one of 2 steps, two of 4 steps" — each length stated right. */
function pathSummary(state, paths) {
  const byLength = new Map();
  for (const p of paths) byLength.set(p.length, (byLength.get(p.length) || 0) + 1);
  const parts = [...byLength].map(([len, n]) => `${WORDS[n] || n} of ${plural(len, "step")}`);
  const head = `${paths.length} shortest path${paths.length === 1 ? "" : "s"}`;
  const avoided = [];
  if (state.px.length) avoided.push(plural(state.px.length, "actor"));
  if (state.prel.length) avoided.push(state.prel.map((r) => r.toLowerCase().replace(/_/g, " ")).join(", "));
  if (state.phub) avoided.push(`hubs over ${state.phub} relations`);
  return `${head}: ${parts.join(", ")}` + (avoided.length ? ` (avoiding ${avoided.join("; ")})` : "");
}

/** Add an actor to those the path finder goes around; `rerun` asks again at once. */
export function avoidActor(app, id, name, rerun) {
  const { state } = app;
  if (!state.px.includes(id)) state.px.push(id);
  if (name) app.names.set(id, { ...(app.names.get(id) || {}), name });
  renderAvoided(app);
  writeState(state);
  if (rerun && state.from && state.to) app.findPaths(state.from, state.to);
}

/** Avoided actors from a link may not be in view: their names come from the API. */
function nameUnknown(app) {
  const unnamed = app.state.px.filter((id) => !app.names.has(id) && !app.view.graph.hasNode(id));
  if (!unnamed.length) return;
  const ask = (id) =>
    api(apiPath("/api/entities/", id)).then(
      (p) => app.names.set(id, { name: p.name, type: p.type }),
      () => app.names.set(id, { name: id })
    );
  Promise.all(unnamed.map(ask)).then(() => renderAvoided(app));
}

export function renderAvoided(app) {
  const { state } = app;
  nameUnknown(app);
  const stop = (id) => () => {
    state.px = state.px.filter((x) => x !== id);
    renderAvoided(app);
    writeState(state);
  };
  $("#path-avoided").replaceChildren(
    ...state.px.map((id) =>
      el("li", { class: "chip" }, label(app, id),
        el("button", { type: "button", class: "link", "aria-label": `Stop avoiding ${label(app, id)}`, onclick: stop(id) }, "×")))
  );
  if (state.px.length || state.prel.length || state.phub) $("#path-options").open = true;
}

/** The text typed in a path end as an actor: the one picked, else the best search hit. */
export async function resolveInput(input) {
  if (input.dataset.pickedId) return { id: input.dataset.pickedId, name: input.value };
  const q = input.value.trim();
  if (!q) return null;
  const hits = searchHits(await api("/api/search", { q, limit: 1 }));
  if (!hits.length) throw new ApiError("No match", `no actor is called “${q}”`, 404);
  input.value = hits[0].name;
  input.dataset.pickedId = hits[0].id;
  return hits[0];
}

/** "Path from here" in the panel: that actor into the first end. */
export function pathFrom(p) {
  const input = $("#path-from");
  input.value = p.name;
  input.dataset.pickedId = p.id;
  $("#path-to").focus();
}
