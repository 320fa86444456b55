/* The URL bar and the export links follow the view state. */
import { apiPath } from "../ag.js";
import { SUBGRAPH_LIMIT, filterParams, queryString, stateQuery } from "./state.js";

/** The same view from the API, in any export format (a GET link, so it can be shared). */
export function exportHref(state, format) {
  const params = { format, ...filterParams(state) };
  // Without a focus the view is the whole graph (expansions only bring back actors an
  // evidence filter had hidden): the export is the whole graph too.
  const seeds = [...state.focus, ...state.expand.filter((id) => !state.focus.includes(id))];
  if (state.focus.length) {
    params.ids = seeds;
    params.depth = state.depth;
  }
  return "/api/export?" + queryString(params);
}

function jsonTwinHref(state) {
  if (state.focus.length === 1 && !state.expand.length) {
    const query = queryString({ depth: state.depth, limit: SUBGRAPH_LIMIT, ...filterParams(state) });
    return apiPath("/api/entities/", state.focus[0]) + "/neighbors?" + query;
  }
  return exportHref(state, "json");
}

export function updateLinks(state) {
  for (const fmt of ["graphml", "gexf", "json", "csv"]) {
    const a = document.getElementById("export-" + fmt);
    if (a) a.setAttribute("href", exportHref(state, fmt));
  }
  const twin = document.querySelector("[data-json-link]");
  if (twin) twin.setAttribute("href", jsonTwinHref(state));
}

/** The state into the URL (replacing the entry: the view is one page of history). */
export function writeState(state) {
  const qs = stateQuery(state);
  history.replaceState(null, "", "/explore" + (qs ? "?" + qs : ""));
  updateLinks(state);
}
