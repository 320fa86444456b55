/* The helpers common.js puts on window.AG (it is loaded as a plain script on every page,
 * before any bundle), as named exports, so that the modules import what they use. */
const AG = window.AG;

export const { el, api, ApiError, schema, colorOf, apiPath, entityHref, documentHref, evidenceHref, searchHits, autocomplete } = AG;

/** The page's global: what the browser tests and other scripts read (AG.explorer, …). */
export const pageGlobal = AG;

export const $ = (sel) => document.querySelector(sel);
