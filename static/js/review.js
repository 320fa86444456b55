/* The review pages: candidate duplicates one pair at a time (keys s = same, n = not the
 * same, l = later) and noise in a table for hiding in bulk. Everything shown comes from
 * /api/review/* and reaches the DOM as text only. */
(function () {
  "use strict";

  const AG = window.AG;
  const C = AG.curation;

  function actorCard(a) {
    return AG.el(
      "section",
      { class: "card review-actor", dataset: { id: a.id } },
      AG.el("span", { class: "type-badge", style: { "--type-color": AG.colorOf(a.type) } }, a.type),
      AG.el("h2", {}, AG.el("a", { href: AG.entityHref(a.id) }, a.name)),
      AG.el("p", { class: "muted" }, a.id),
      a.aliases.length ? AG.el("p", {}, "Also: ", a.aliases.join("; ")) : null,
      AG.el("p", {}, `${a.mentions} mention${a.mentions === 1 ? "" : "s"} in ${a.documents} document${a.documents === 1 ? "" : "s"}`),
      AG.el("h3", {}, "Neighbours"),
      a.neighbours.length
        ? AG.el("ul", {}, a.neighbours.map((n) => AG.el("li", {}, `${n.relation} `, AG.el("a", { href: AG.entityHref(n.id) }, n.name))))
        : AG.el("p", { class: "empty" }, "none"),
      AG.el("h3", {}, "Read in"),
      AG.el("ul", { class: "sentences" }, a.evidence.map((s) => AG.el("li", {}, s))),
    );
  }

  async function duplicates(root) {
    const later = new Set();
    const type = root.dataset.types || "";
    let pair = null;
    const board = AG.el("div", { id: "pair" });
    root.append(board);

    async function next() {
      const page = await AG.api("/api/review/duplicates", { limit: 200, types: type });
      root.dataset.total = String(page.total);
      pair = page.pairs.find((p) => !later.has(p.a.id + "|" + p.b.id)) || null;
      board.replaceChildren();
      if (!pair) {
        board.append(AG.el("p", { class: "empty", id: "queue-empty" }, "No candidate duplicates left."));
        root.dataset.state = "empty";
        return;
      }
      // the actor with more mentions stays; the other is merged into it
      const [keep, drop] = pair.a.mentions >= pair.b.mentions ? [pair.a, pair.b] : [pair.b, pair.a];
      pair.keep = keep;
      pair.drop = drop;
      board.append(
        AG.el("p", { class: "review-score" }, `Score ${pair.score.toFixed(2)}: ${pair.reasons.join("; ")}`),
        AG.el("div", { class: "review-pair" }, actorCard(pair.a), actorCard(pair.b)),
        AG.el(
          "p",
          { class: "review-keys" },
          AG.el("button", { type: "button", class: "primary", id: "answer-same", onclick: () => answer("s") }, "s: same"),
          " ",
          AG.el("button", { type: "button", id: "answer-not-same", onclick: () => answer("n") }, "n: not the same"),
          " ",
          AG.el("button", { type: "button", id: "answer-later", onclick: () => answer("l") }, "l: later"),
          AG.el("span", { class: "muted" }, ` Same: “${drop.name}” is merged into “${keep.name}”.`),
        ),
      );
      root.dataset.state = "ready";
      root.dataset.pair = pair.a.id + "|" + pair.b.id;
    }

    async function answer(key) {
      if (!pair || root.dataset.state !== "ready") return;
      root.dataset.state = "busy";
      try {
        if (key === "l") later.add(pair.a.id + "|" + pair.b.id);
        else if (key === "s") await C.decide([{ payload: { kind: "merge", source: pair.drop.id, target: pair.keep.id } }]);
        else if (key === "n") await C.decide([{ payload: { kind: "not_same", a: pair.a.id, b: pair.b.id } }]);
        if (key !== "l") C.showLast(root);
        await next();
      } catch (err) {
        root.dataset.state = "ready";
        C.error(root, err);
      }
    }

    C.afterUndo = () => next();
    document.addEventListener("keydown", (e) => {
      if (e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
      if (["s", "n", "l"].includes(e.key)) {
        e.preventDefault();
        answer(e.key);
      }
    });
    await next();
  }

  async function noise(root) {
    const table = AG.el("table", { class: "noise-table" });
    const hide = AG.el("button", { type: "button", class: "primary", id: "hide-selected" }, "Hide selected");
    root.append(AG.el("p", {}, hide), table);

    async function load() {
      const page = await AG.api("/api/review/noise", { limit: 200, types: root.dataset.types || "" });
      table.replaceChildren(
        AG.el("tr", {}, ["", "Actor", "Type", "Relations", "Mentions", "Why"].map((h) => AG.el("th", {}, h))),
        ...page.items.map((i) =>
          AG.el(
            "tr",
            { dataset: { id: i.id } },
            AG.el("td", {}, AG.el("input", { type: "checkbox", value: i.id, "aria-label": `select ${i.name}` })),
            AG.el("td", {}, AG.el("a", { href: AG.entityHref(i.id) }, i.name)),
            AG.el("td", {}, i.type),
            AG.el("td", {}, String(i.degree)),
            AG.el("td", {}, String(i.mentions)),
            AG.el("td", {}, i.reasons.join("; ")),
          ),
        ),
      );
      root.dataset.total = String(page.total);
      root.dataset.state = "ready";
    }

    hide.addEventListener("click", async () => {
      const ids = [...table.querySelectorAll("input:checked")].map((x) => x.value);
      if (!ids.length) return;
      try {
        await C.decide(ids.map((id) => ({ payload: { kind: "hide", node: id } })));
        C.showLast(root, `Hidden: ${ids.length}.`);
        await load();
      } catch (err) {
        C.error(root, err);
      }
    });
    C.afterUndo = () => load();
    await load();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("review");
    if (!root) return;
    const run = root.dataset.queue === "noise" ? noise : duplicates;
    run(root).catch((err) => C.error(root, err));
  });
})();
