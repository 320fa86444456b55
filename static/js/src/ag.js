/* The helpers common.js puts on window.AG (it is loaded as a plain script on every page,
 * before any bundle), as named exports, so that the modules import what they use. */
const AG = window.AG;

export const { el, api, ApiError, schema, colorOf, apiPath, entityHref, documentHref, evidenceHref, searchHits, autocomplete } = AG;

/** The page's global: what the browser tests and other scripts read (AG.explorer, …). */
export const pageGlobal = AG;

export const $ = (sel) => document.querySelector(sel);

/** " · spoke_at 0.75": the rule that read an evidence item and how sure it is (nothing for
 * items that carry neither, as imported ones may). */
export function provenance(ev) {
  if (!ev.rule && (ev.confidence === null || ev.confidence === undefined)) return [];
  const sure = typeof ev.confidence === "number" ? ` ${ev.confidence.toFixed(2)}` : "";
  return [" · ", el("span", {
    class: "provenance",
    title: "The extraction rule that read this fact, and how sure it is (0 to 1)",
    text: `${ev.rule || "imported"}${sure}`,
  })];
}
