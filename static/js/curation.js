/* Curation in the browser: the write token (asked once per browser session, kept in
 * sessionStorage, never in a URL), decisions posted to /api/curation, the undo of the last
 * one, and the actions on an entity page (merge, rename, retype, hide). */
(function () {
  "use strict";

  const AG = window.AG;
  const C = (AG.curation = {});
  const TOKEN_KEY = "actorgraph-token";
  const LAST_KEY = "actorgraph-last-decisions";

  C.token = () => sessionStorage.getItem(TOKEN_KEY) || "";

  /** Resolve with the token; ask for it in a small form the first time. */
  C.needToken = function needToken() {
    const known = C.token();
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const input = AG.el("input", { type: "password", id: "curation-token", autocomplete: "off", required: true });
      const form = AG.el(
        "form",
        { class: "token-form card", id: "token-form" },
        AG.el("label", { for: "curation-token" }, "Write token (ACTORGRAPH_API_TOKEN), kept for this browser session:"),
        input,
        AG.el("button", { type: "submit", class: "primary" }, "Use token"),
      );
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        form.remove();
        resolve(C.token());
      });
      (document.querySelector("main") || document.body).prepend(form);
      input.focus();
    });
  };

  async function send(method, path, body) {
    const token = await C.needToken();
    const response = await fetch(path, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}` },
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await response.json().catch(() => ({}));
    if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
    if (!response.ok) throw new AG.ApiError(data.title || `HTTP ${response.status}`, data.detail || "", response.status);
    return data;
  }

  /** Post decisions ({payload, why}); remember them for undo; resolve with what was taken. */
  C.decide = async function decide(decisions) {
    const answer = await send("POST", "/api/curation", { decisions });
    sessionStorage.setItem(LAST_KEY, JSON.stringify(answer.decisions));
    return answer.decisions;
  };

  C.undo = async function undo(decisions) {
    for (const d of [...decisions].reverse()) await send("DELETE", "/api/curation/" + encodeURIComponent(d.id));
    sessionStorage.removeItem(LAST_KEY);
  };

  /** A status line with an Undo button for the last decisions (kept across a reload). */
  C.showLast = function showLast(where, message) {
    const last = JSON.parse(sessionStorage.getItem(LAST_KEY) || "null");
    const old = document.getElementById("curation-status");
    if (old) old.remove();
    if (!last || !last.length) return;
    const text = message || `Done: ${last.map((d) => d.kind.replace("_", "-")).join(", ")}.`;
    const button = AG.el("button", { type: "button", id: "curation-undo" }, "Undo");
    const status = AG.el("p", { class: "curation-status", id: "curation-status", role: "status" }, text, " ", button);
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await C.undo(last);
        status.textContent = "Undone.";
        status.dataset.state = "undone";
        if (C.afterUndo) C.afterUndo(last);
      } catch (err) {
        status.textContent = err.message;
      }
    });
    (where || document.querySelector("main")).prepend(status);
  };

  C.error = function error(where, err) {
    const old = document.getElementById("curation-error");
    if (old) old.remove();
    where.prepend(AG.el("p", { class: "curation-error", id: "curation-error", role: "alert" }, err.message));
  };

  /* ---- the entity page's actions ---- */
  function entityActions(box) {
    const id = box.dataset.entityId;
    const main = document.querySelector("main");
    const go = async (payload, then) => {
      try {
        await C.decide([{ payload }]);
        then();
      } catch (err) {
        C.error(box, err);
      }
    };
    const reload = () => window.location.reload();

    const pick = AG.el("input", { type: "search", id: "merge-into", placeholder: "Merge into… (search)", autocomplete: "off" });
    // each field has a label of its own (a placeholder is no label; axe: select-name)
    const label = (field, text) => AG.el("label", { for: field, class: "visually-hidden" }, text);
    const mergeWrap = AG.el("span", { class: "merge-pick" }, label("merge-into", "Merge this actor into another (search by name)"), pick);
    const name = AG.el("input", { type: "text", id: "rename-to", placeholder: "New name" });
    const types = AG.schema.nodes.map((t) => t.name).filter((t) => t !== AG.schema.document_type);
    const type = AG.el("select", { id: "retype-to" }, types.map((t) => AG.el("option", { value: t }, t)));
    type.value = box.dataset.entityType;
    box.append(
      AG.el("h2", {}, "Correct"),
      mergeWrap,
      AG.el("span", { class: "row" }, label("rename-to", "New name for this actor"), name, AG.el("button", { type: "button", id: "rename", onclick: () => name.value.trim() && go({ kind: "rename", node: id, name: name.value.trim() }, reload) }, "Rename")),
      AG.el("span", { class: "row" }, AG.el("label", { for: "retype-to" }, "Type"), type, AG.el("button", { type: "button", id: "retype", onclick: () => go({ kind: "retype", node: id, type: type.value }, reload) }, "Retype")),
      AG.el("button", { type: "button", id: "hide", onclick: () => go({ kind: "hide", node: id }, () => C.showLast(main, "Hidden everywhere.")) }, "Hide everywhere"),
    );
    for (const li of document.querySelectorAll("li[data-edge]")) {
      const line = li.querySelector(".rel-line") || li;
      line.append(
        " ",
        AG.el("button", { type: "button", class: "reject-edge", title: "Reject this relation (its evidence is kept in the log)", onclick: () => go({ kind: "reject", edge: li.dataset.edge, source: id }, reload) }, "Reject"),
      );
    }
    AG.autocomplete(pick, {
      onPick: (hit) => {
        if (hit.id === id) return;
        go({ kind: "merge", source: id, target: hit.id }, () => window.location.assign(AG.entityHref(hit.id)));
      },
    });
    C.afterUndo = (undone) => {
      const merge = undone.find((d) => d.kind === "merge");
      if (merge) window.location.assign(AG.entityHref(merge.payload.source));
      else window.location.reload();
    };
    C.showLast(main);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const box = document.getElementById("curate-actions");
    if (box) entityActions(box);
  });
})();
