/* One edge's evidence, fetched when the edge is opened: graph answers carry a summary per
 * edge (evidence=none), and the sentences come page by page from
 * GET /api/edges/{id}/evidence. */
import { api, apiPath, el, evidenceHref, provenance } from "../ag.js";

const PAGE = 20;

function item(ev) {
  return el("li", {},
    el("q", { text: ev.sentence }),
    el("span", { class: "source" },
      ev.date ? el("time", { datetime: ev.date, text: ev.date }) : el("span", { class: "muted", text: "no date in the sentence" }),
      " · ",
      el("a", { href: evidenceHref(ev) }, ev.document),
      provenance(ev)));
}

/** "3 sentences in 2 documents, 2023-02-04 to 2023-09-29" from an edge's summary. */
export function summaryText(s) {
  const n = `${s.evidence} sentence${s.evidence === 1 ? "" : "s"} in ${s.documents} document${s.documents === 1 ? "" : "s"}`;
  if (!s.first) return n;
  return s.first === s.last ? `${n}, ${s.first}` : `${n}, ${s.first} to ${s.last}`;
}

/** A list that fills with the edge's evidence, a page at a time ("more" asks for the next). */
export function edgeEvidence(edgeId) {
  const ul = el("ul", { class: "evidence edge-evidence", "data-edge": edgeId });
  const box = el("div", { class: "edge-evidence-box" }, el("p", { class: "loading", text: "Loading the sentences…" }), ul);
  const load = async (offset) => {
    let page;
    try {
      page = await api(apiPath("/api/edges/", edgeId) + "/evidence", { limit: PAGE, offset });
    } catch (err) {
      box.replaceChildren(el("p", { class: "error-inline", role: "alert" }, err.message));
      return;
    }
    const loading = box.querySelector(".loading");
    if (loading) loading.replaceWith(el("p", { class: "muted small", text: summaryText(page.summary) }));
    ul.append(...page.items.map(item));
    const old = box.querySelector("button.more");
    if (old) old.remove();
    if (page.next_offset !== undefined) {
      box.append(el("button", { type: "button", class: "link more", onclick: () => load(page.next_offset) }, `${page.summary.evidence - page.next_offset} more`));
    }
  };
  load(0);
  return box;
}
