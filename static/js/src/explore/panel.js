/* Selecting a node opens the side panel with its profile (relations, evidence, documents)
 * from the API; the camera keeps the node clear of the panel. */
import { $, api, apiPath, colorOf, documentHref, el } from "../ag.js";
import { writeState } from "./links.js";
import { renderProfile } from "./profile.js";
import { DOC } from "./state.js";
import { inlineError } from "./status.js";

let panelToken = 0;

/** The width the side panel covers on the right of the graph (0 when closed or on a
 * phone, where it is a bottom sheet). */
export function panelInset() {
  const panel = $("#panel");
  if (panel.hidden || window.matchMedia("(max-width: 700px)").matches) return 0;
  return panel.offsetWidth;
}

export async function select(app, node, opts) {
  opts = opts || {};
  const { state, view } = app;
  view.select(node);
  state.sel = node && view.graph.hasNode(node) ? node : null;
  if (state.sel) app.keyCursor = state.sel; // after Esc, Enter reopens the last one
  writeState(state);
  const panel = $("#panel");
  const body = $("#panel-body");
  if (!state.sel) {
    panel.hidden = true;
    body.replaceChildren();
    return;
  }
  const token = ++panelToken;
  panel.hidden = false;
  // After a double-click's second click could land: moving the camera at once would pull
  // the node from under the pointer and the expansion would miss it.
  if (!opts.keepCamera) setTimeout(() => view.ensureVisible(node, panelInset()), 320);
  const attrs = view.graph.getNodeAttributes(node);
  body.replaceChildren(
    el("span", { class: "badge", style: { "--c": colorOf(attrs.nodeType) }, text: attrs.nodeType }),
    el("h2", { class: "name", text: attrs.label }),
    el("p", { class: "loading", text: "Loading relations and evidence…" })
  );
  if (attrs.nodeType === DOC) {
    body.append(el("p", {}, el("a", { href: documentHref(node) }, "Read the document →")));
    body.querySelector(".loading").remove();
    return;
  }
  try {
    const profile = await api(apiPath("/api/entities/", node));
    if (token !== panelToken) return;
    body.replaceChildren(...renderProfile(app, profile));
  } catch (err) {
    if (token !== panelToken) return;
    const loading = body.querySelector(".loading");
    if (loading) loading.replaceWith(inlineError(err));
  }
}
