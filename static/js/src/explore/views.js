/* Saved views in the explorer (/api/views): save the current view (its URL state) under a
 * name, list them, open, rename, delete. Writes send the bearer token, asked once and kept
 * in sessionStorage like the upload form's (never in the URL). Opening a view loads
 * /explore?<its state>, so a saved view is exactly a link.
 */
import { $, api, el } from "../ag.js";

const TOKEN_KEY = "actorgraph.token";

const list = $("#views-list");
const msg = $("#views-msg");
const tokenLabel = $("#view-token-label");
const tokenInput = $("#view-token");

function say(text) {
  msg.textContent = text;
}

function token() {
  const typed = tokenInput.value.trim();
  if (typed) sessionStorage.setItem(TOKEN_KEY, typed);
  return typed || sessionStorage.getItem(TOKEN_KEY) || "";
}

function askToken(text) {
  tokenLabel.hidden = false;
  say(text);
  tokenInput.focus();
}

/** A write; false (and the reason said in words) when it was refused. */
async function write(method, path, body) {
  const t = token();
  if (!t) {
    askToken("Enter the API token (ACTORGRAPH_API_TOKEN) to save or change views.");
    return null;
  }
  const response = await fetch(path, {
    method,
    headers: { Accept: "application/json", "Content-Type": "application/json", Authorization: `Bearer ${t}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    tokenInput.value = "";
    askToken("The API token is wrong: enter it again.");
    return null;
  }
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch (err) {
      /* not JSON */
    }
    say(response.status === 403 ? "Saving views is disabled on this server." : `Not done: ${detail}`);
    return null;
  }
  tokenLabel.hidden = true;
  return response.status === 204 ? {} : response.json();
}

async function refresh() {
  let answer;
  try {
    answer = await api("/api/views");
  } catch (err) {
    say(`The saved views cannot be listed: ${err.detail || err.message}`);
    return;
  }
  list.replaceChildren(...answer.views.map(item));
  list.dataset.count = String(answer.views.length);
  if (!answer.views.length) list.append(el("li", { class: "muted small", text: "No saved view yet." }));
}

function item(v) {
  const open = el("a", { href: "/explore" + (v.state ? "?" + v.state : ""), class: "view-open", "data-view": v.id, title: `Open “${v.name}”` }, v.name);
  const rename = el("button", { type: "button", class: "link small", "aria-label": `Rename ${v.name}`, onclick: () => startRename(li, v) }, "rename");
  const del = el("button", { type: "button", class: "link small", "aria-label": `Delete ${v.name}`, onclick: () => remove(del, v) }, "delete");
  const li = el("li", { "data-view": v.id }, open, " ", rename, " ", del);
  return li;
}

function startRename(li, v) {
  const input = el("input", { type: "text", value: v.name, maxlength: "120", "aria-label": `New name for ${v.name}`, class: "view-rename" });
  const form = el("form", { class: "row view-save" }, input, el("button", { type: "submit" }, "OK"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const name = input.value.trim();
    if (!name) return say("A view needs a name.");
    if ((await write("PATCH", `/api/views/${encodeURIComponent(v.id)}`, { name })) !== null) {
      say(`Renamed to “${name}”.`);
      refresh();
    }
  });
  li.replaceChildren(form);
  input.focus();
  input.select();
}

/** Delete asks once more on the button itself (no dialog box). */
async function remove(button, v) {
  if (button.dataset.armed !== "1") {
    button.dataset.armed = "1";
    button.textContent = "delete: sure?";
    return;
  }
  if ((await write("DELETE", `/api/views/${encodeURIComponent(v.id)}`)) !== null) {
    say(`“${v.name}” deleted.`);
    refresh();
  }
}

/** The save form; the list is filled at once. */
export function bindSavedViews() {
  $("#view-save").addEventListener("submit", async (e) => {
    e.preventDefault();
    const name = $("#view-name").value.trim();
    if (!name) {
      say("Give the view a name first.");
      $("#view-name").focus();
      return;
    }
    const state = window.location.search.replace(/^\?/, "");
    const saved = await write("POST", "/api/views", { name, state });
    if (saved) {
      $("#view-name").value = "";
      say(`Saved “${saved.name}”.`);
      refresh();
    }
  });
  tokenInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      $("#view-save").requestSubmit();
    }
  });

  refresh();
}
