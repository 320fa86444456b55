/* The side panel's content: an actor's profile with its roles, relations by type (each with
 * its evidence), the relation types it could have but has none of, and its documents. */
import { apiPath, colorOf, documentHref, el, entityHref, evidenceHref, provenance, schema } from "../ag.js";
import { MENTIONS } from "./state.js";

const EVIDENCE_SHOWN = 2;
const ARROWS = { out: "→", in: "←" };
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const relationName = (type) => type.replace(/_/g, " ").toLowerCase();

function otherButton(app, ref) {
  const dot = el("span", { class: "dot", style: { background: colorOf(ref.type) }, "aria-hidden": "true" });
  if (app.view.graph.hasNode(ref.id)) {
    return el("button", { type: "button", class: "other", title: "Select in the graph", onclick: () => app.select(ref.id) }, dot, ref.name);
  }
  return el("a", { class: "entity", href: entityHref(ref.id), title: "Not in the view: open the profile", style: { "--c": colorOf(ref.type) } }, el("span", { class: "dot", "aria-hidden": "true" }), ref.name);
}

/** A sentence's date, else its document's (said so), else "no date". */
function evidenceDate(ev, docDates) {
  if (ev.date) return el("time", { datetime: ev.date, text: ev.date });
  const d = docDates && docDates.get(ev.document);
  if (d) return el("time", { datetime: d, title: "The sentence gives no date: this is the document's" }, d, " ", el("span", { class: "muted", text: "(document)" }));
  return el("span", { class: "muted", text: "no date" });
}

function evidenceList(items, docs) {
  const ul = el("ul", { class: "evidence" });
  items.forEach((ev, i) => {
    ul.append(el("li", { hidden: i >= EVIDENCE_SHOWN },
      el("q", { text: ev.sentence }),
      el("span", { class: "source" },
        evidenceDate(ev, docs.dates),
        " · ",
        el("a", { href: evidenceHref(ev) }, docs.titles.get(ev.document) || ev.document),
        provenance(ev))));
  });
  if (items.length > EVIDENCE_SHOWN) {
    const more = el("button", { type: "button", class: "link more" }, `+${items.length - EVIDENCE_SHOWN} more`);
    more.addEventListener("click", () => {
      ul.querySelectorAll("li[hidden]").forEach((li) => (li.hidden = false));
      more.remove();
    });
    ul.append(el("li", {}, more));
  }
  return ul;
}

function header(app, p) {
  const nodes = [
    el("span", { class: "badge", style: { "--c": colorOf(p.type) }, text: p.type }),
    el("h2", { class: "name", text: p.name }),
  ];
  if (p.aliases && p.aliases.length) nodes.push(el("p", { class: "aliases", text: "Also: " + p.aliases.join(", ") }));
  nodes.push(
    el("p", { class: "muted small", text: `${plural(p.degree, "relation")} · ${plural(p.mentions, "mention")} in ${plural(p.documents.length, "document")}` }),
    el("div", { class: "panel-actions" },
      el("button", { type: "button", class: "primary", id: "panel-expand", onclick: () => app.expand(p.id) }, "Expand neighbours"),
      el("button", { type: "button", onclick: () => app.refocus(p.id) }, "Focus here"),
      el("button", { type: "button", onclick: () => app.pathFrom(p) }, "Path from here"),
      el("button", { type: "button", id: "panel-remove", title: "Take it out of the view (Delete); Ctrl+Z undoes", onclick: () => app.removeNode(p.id) }, "Remove from view"),
      el("a", { class: "button", href: entityHref(p.id) }, "Profile"),
      el("a", { class: "button", id: "panel-correct", href: entityHref(p.id) + "#curate-actions", title: "Merge, rename, retype or hide (curation)" }, "Correct…"),
      el("a", { class: "button", href: apiPath("/api/entities/", p.id), title: "This panel as JSON" }, "JSON"))
  );
  return nodes;
}

function roles(app, p, docs) {
  if (!p.roles || !p.roles.length) return [];
  const ul = el("ul", { class: "relations" });
  for (const r of p.roles) {
    ul.append(el("li", {},
      el("div", { class: "role-line" }, el("strong", { text: r.role || r.relation }), ", ", otherButton(app, r.organisation)),
      evidenceList(r.evidence, docs)));
  }
  return [el("h3", { text: "Roles" }), ul];
}

function relation(app, r, docs) {
  const role = r.properties && r.properties.role ? el("span", { class: "role", text: " as " + r.properties.role }) : null;
  const dir = el("span", { class: "dir", title: r.symmetric ? "symmetric" : r.direction === "out" ? "outgoing" : "incoming", text: r.symmetric ? "↔" : ARROWS[r.direction] });
  return el("li", {}, el("div", { class: "rel-line" }, dir, otherButton(app, r.other), role), evidenceList(r.evidence, docs));
}

function relations(app, p, docs) {
  const types = Object.keys(p.relations || {});
  if (!types.length) return [el("p", { class: "empty", text: "No relation was read for it yet." })];
  const nodes = [];
  for (const type of types) {
    const entries = p.relations[type];
    const description = (schema.relations.find((r) => r.name === type) || {}).description || "";
    nodes.push(el("h3", { title: description }, relationName(type), " ", el("span", { class: "count", text: entries.length })));
    nodes.push(el("ul", { class: "relations" }, ...entries.map((r) => relation(app, r, docs))));
  }
  return nodes;
}

/** The relation types the schema allows for this type that the actor has none of. */
function noneFound(p) {
  const types = Object.keys(p.relations || {});
  const missing = schema.relations
    .filter((r) => r.name !== MENTIONS && ((r.sources || []).includes(p.type) || (r.targets || []).includes(p.type)))
    .map((r) => r.name)
    .filter((name) => !types.includes(name) && !(name === "HOLDS_ROLE" && p.roles && p.roles.length));
  if (!types.length || !missing.length) return [];
  return [el("p", { class: "none-found muted small", dataset: { noneFound: missing.join(",") } }, "None found: " + missing.map(relationName).join(", ") + ".")];
}

function documents(p) {
  if (!p.documents.length) return [];
  const ul = el("ul", { class: "doc-list" });
  for (const d of p.documents) {
    ul.append(el("li", {}, el("a", { href: documentHref(d.id) }, d.title),
      el("span", { class: "muted", text: `${d.date ? d.date + " · " : ""}${plural(d.mentions, "mention")}` })));
  }
  return [el("h3", { text: "Documents" }), ul];
}

/** The panel's children for a profile from GET /api/entities/{id}. */
export function renderProfile(app, p) {
  const docs = {
    titles: new Map(p.documents.map((d) => [d.id, d.title])),
    dates: new Map(p.documents.filter((d) => d.date).map((d) => [d.id, d.date])),
  };
  return [...header(app, p), ...roles(app, p, docs), ...relations(app, p, docs), ...noneFound(p), ...documents(p)];
}
