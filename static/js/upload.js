/* The documents page's upload form: pasted text or chosen files go to POST /api/documents one
 * at a time, with the bearer token asked once and kept in sessionStorage (never in the URL);
 * each document's result, or the reason it was refused, is shown in words. */
(function () {
  "use strict";

  const AG = window.AG;
  const el = AG.el;
  const $ = (sel) => document.querySelector(sel);
  const form = $("#upload-form");
  if (!form) return;
  const TOKEN_KEY = "actorgraph.token";
  const tokenInput = $("#upload-token");
  tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || "";

  const STATUS_WORDS = {
    ingested: "added",
    updated: "replaced the earlier version",
    unchanged: "already in the graph, unchanged",
  };

  function summary(counts) {
    const entries = Object.entries(counts || {});
    if (!entries.length) return "none";
    return entries.map(([k, v]) => `${v} ${k}`).join(", ");
  }

  async function problemOf(answer) {
    try {
      const body = await answer.json();
      return { title: body.title || answer.statusText, detail: body.detail || "" };
    } catch (_) {
      return { title: answer.statusText || `HTTP ${answer.status}`, detail: "" };
    }
  }

  function explain(status, problem) {
    if (status === 401) return "the API token is wrong: check it and try again";
    if (status === 403) return "uploads are turned off on this server (it has no ACTORGRAPH_API_TOKEN)";
    if (status === 413) return problem.detail || "the document is larger than the server accepts";
    return problem.detail || problem.title;
  }

  function row(name, cells, cls) {
    const tr = el("tr", { class: cls }, el("td", { text: name }), ...cells.map((c) => (c instanceof Node ? el("td", {}, c) : el("td", { text: c }))));
    $("#upload-results tbody").append(tr);
    $("#upload-results").hidden = false;
    return tr;
  }

  async function send(item, replace) {
    const headers = { Accept: "application/json", Authorization: `Bearer ${tokenInput.value.trim()}` };
    let body;
    if (item.file) {
      body = new FormData();
      body.append("file", item.file, item.name);
    } else {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify({ name: item.name, text: item.text });
    }
    return fetch("/api/documents" + (replace ? "?replace=true" : ""), { method: "POST", headers, body });
  }

  async function upload(item, replace) {
    let answer;
    try {
      answer = await send(item, replace);
    } catch (err) {
      row(item.name, ["network error: " + err.message, "", ""], "failed");
      return false;
    }
    if (answer.ok) {
      const result = await answer.json();
      const link = el("a", { href: AG.documentHref(result.doc_id) }, STATUS_WORDS[result.status] || result.status);
      row(item.name, [link, summary(result.entities), summary(result.relations)], "ok");
      return true;
    }
    const problem = await problemOf(answer);
    const reason = explain(answer.status, problem);
    if (answer.status === 409) {
      const again = el("button", { type: "button", class: "link" }, "Replace it");
      const tr = row(item.name, [el("span", {}, reason + " ", again), "", ""], "failed");
      again.addEventListener("click", async () => {
        tr.remove();
        await upload(item, true);
      });
    } else row(item.name, [reason, "", ""], "failed");
    return answer.status !== 401 && answer.status !== 403;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const items = [...$("#upload-files").files].map((file) => ({ name: file.name, file }));
    const text = $("#upload-text").value;
    if (text.trim()) items.push({ name: $("#upload-name").value.trim() || "pasted.txt", text });
    const progress = $("#upload-progress");
    if (!items.length) {
      progress.textContent = "Choose files or paste a text first.";
      return;
    }
    if (!tokenInput.value.trim()) {
      progress.textContent = "Enter the API token (ACTORGRAPH_API_TOKEN) first.";
      tokenInput.focus();
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
    const go = $("#upload-go");
    go.disabled = true;
    let done = 0;
    for (const item of items) {
      progress.textContent = `Reading ${item.name} (${done + 1} of ${items.length})…`;
      const goOn = await upload(item, false);
      done++;
      if (!goOn) break; // a token problem fails every document alike
    }
    progress.textContent = `${done} of ${items.length} done. Reload the page to see the list.`;
    go.disabled = false;
    form.reset();
    tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || "";
  });
})();
