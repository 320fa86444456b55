/* Shared by every page: safe DOM building, links to our own routes, API calls that turn
 * problem-details errors into readable messages, and the search autocomplete.
 *
 * Names and sentences come from untrusted documents: text only ever reaches the DOM through
 * textContent / createTextNode, and every href is built here from our own route prefixes. */
(function () {
  "use strict";

  const AG = (window.AG = window.AG || {});

  AG.schema = JSON.parse(document.getElementById("schema-data").textContent);
  AG.colors = {};
  for (const t of AG.schema.nodes) AG.colors[t.name] = t.color;
  AG.colorOf = (type) => AG.colors[type] || "#8a94a6";

  /** el("a", {href: "/x", class: "c"}, "text", childNode) — children become text nodes. */
  AG.el = function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "style") for (const [p, v] of Object.entries(value)) node.style.setProperty(p, v);
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else if (key === "href") node.setAttribute("href", AG.ownHref(value));
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  };

  /** Only hrefs to this site's own paths are allowed; anything else becomes "#". */
  AG.ownHref = function ownHref(href) {
    const s = String(href);
    return s.startsWith("/") && !s.startsWith("//") ? s : "#";
  };

  const quoteId = (id) => encodeURIComponent(String(id)).replace(/%3A/gi, ":").replace(/%40/g, "@");
  AG.entityHref = (id) => "/entity/" + quoteId(id);
  AG.documentHref = (id) => "/documents/" + quoteId(id);
  AG.evidenceHref = (ev) =>
    AG.documentHref(ev.document) + "?hl=" + Number(ev.start) + "-" + Number(ev.end) + "#ev";
  AG.apiPath = (prefix, id) => prefix + quoteId(id);

  /** An error the API answered with (problem details) or a network failure. */
  class ApiError extends Error {
    constructor(title, detail, status) {
      super(detail ? `${title}: ${detail}` : title);
      this.title = title;
      this.detail = detail || "";
      this.status = status || 0;
    }
  }
  AG.ApiError = ApiError;

  /** GET an API path with query parameters (arrays become comma-separated lists). */
  AG.api = async function api(path, params, options) {
    const url = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value === null || value === undefined || value === "") continue;
      if (Array.isArray(value)) {
        if (value.length) url.searchParams.set(key, value.join(","));
      } else url.searchParams.set(key, String(value));
    }
    let response;
    try {
      response = await fetch(url, { headers: { Accept: "application/json" }, ...(options || {}) });
    } catch (err) {
      if (err.name === "AbortError") throw err;
      throw new ApiError("Cannot reach the server", "check that actorgraph is still running", 0);
    }
    if (!response.ok) {
      let title = `HTTP ${response.status}`;
      let detail = response.statusText;
      try {
        const problem = await response.json();
        if (problem && typeof problem === "object") {
          title = problem.title || title;
          detail = problem.detail || detail;
        }
      } catch (_) {
        /* not JSON: keep the status line */
      }
      throw new ApiError(String(title), String(detail || ""), response.status);
    }
    return response.json();
  };

  /** The list of hits, whatever envelope the search answer uses. */
  AG.searchHits = function searchHits(answer) {
    const list = Array.isArray(answer) ? answer : answer.results || answer.hits || answer.items || [];
    return list.map((h) => {
      const node = h.node || h;
      return {
        id: node.id,
        name: node.name,
        type: node.type,
        aliases: node.aliases || [],
        degree: h.degree ?? node.degree ?? null,
      };
    });
  };

  /* ---- autocomplete: a combobox over /api/search ---- */

  let acCounter = 0;

  /** Attach to an input. opts.onPick(hit, input) is called on choice; returns a handle. */
  AG.autocomplete = function autocomplete(input, opts) {
    opts = opts || {};
    const listId = `ac-${++acCounter}`;
    const wrap = input.parentElement;
    wrap.classList.add("ac-wrap");
    const list = AG.el("ul", { class: "ac-list", id: listId, role: "listbox", hidden: true });
    wrap.append(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    let hits = [];
    let active = -1;
    let timer = null;
    let controller = null;
    let lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(i) {
      const items = list.querySelectorAll("li[role=option]");
      items.forEach((li, j) => li.setAttribute("aria-selected", j === i ? "true" : "false"));
      active = i;
      if (i >= 0 && items[i]) {
        input.setAttribute("aria-activedescendant", items[i].id);
        items[i].scrollIntoView({ block: "nearest" });
      }
    }

    function note(text) {
      list.replaceChildren(AG.el("li", { class: "ac-note", text }));
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function pick(hit) {
      close();
      if (opts.fillName !== false) input.value = hit.name;
      input.dataset.pickedId = hit.id;
      (opts.onPick || AG.onEntityPick)(hit, input);
    }

    function render() {
      list.replaceChildren();
      if (!hits.length) {
        note(`No actor matches “${lastQuery}”`);
        return;
      }
      hits.forEach((hit, i) => {
        const li = AG.el(
          "li",
          { role: "option", id: `${listId}-${i}`, "aria-selected": "false", dataset: { id: hit.id } },
          AG.el("span", { class: "swatch", style: { "--c": AG.colorOf(hit.type) } }),
          AG.el("span", { class: "ac-name", text: hit.name }),
          AG.el("span", { class: "ac-meta", text: hit.type + (hit.degree ? ` · ${hit.degree}` : "") })
        );
        li.addEventListener("mousedown", (e) => {
          e.preventDefault();
          pick(hit);
        });
        li.addEventListener("mousemove", () => setActive(i));
        list.append(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      setActive(0);
    }

    async function query() {
      const q = input.value.trim();
      lastQuery = q;
      if (!q) {
        close();
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const answer = await AG.api("/api/search", { q, limit: 8 }, { signal: controller.signal });
        if (q !== input.value.trim()) return;
        hits = AG.searchHits(answer);
        render();
      } catch (err) {
        if (err.name === "AbortError") return;
        note(err.message);
      }
    }

    input.addEventListener("input", () => {
      delete input.dataset.pickedId;
      clearTimeout(timer);
      timer = setTimeout(query, 120);
    });
    input.addEventListener("focus", () => {
      if (input.value.trim() && !input.dataset.pickedId) query();
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
    input.addEventListener("keydown", (e) => {
      const open = !list.hidden && hits.length;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (!open) query();
        else setActive(Math.min(active + 1, hits.length - 1));
      } else if (e.key === "ArrowUp") {
        if (open) {
          e.preventDefault();
          setActive(Math.max(active - 1, 0));
        }
      } else if (e.key === "Enter") {
        if (open && active >= 0) {
          e.preventDefault();
          pick(hits[active]);
        } else if (opts.onPick) {
          e.preventDefault();
        }
      } else if (e.key === "Escape") {
        close();
      }
    });
    return { close };
  };

  /** What choosing a search hit does by default: open its profile. Pages may replace it. */
  AG.onEntityPick = function (hit) {
    window.location.assign(AG.entityHref(hit.id));
  };

  function isTyping(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const main = document.querySelector('input[data-autocomplete="entity"]#q');
    if (main) AG.autocomplete(main, { fillName: true, onPick: (hit, input) => AG.onEntityPick(hit, input) });
    document.addEventListener("keydown", (e) => {
      if (e.key === "/" && !isTyping(e.target) && main) {
        e.preventDefault();
        main.focus();
        main.select();
      }
    });
  });
})();
