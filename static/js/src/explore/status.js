/* What the explorer says over the graph: busy, a short message, an error, nothing to show. */
import { $, ApiError, el } from "../ag.js";

const container = () => $("#graph");
let flashTimer = null;

export function busy(text) {
  const s = $("#status");
  s.classList.remove("idle");
  s.replaceChildren(el("span", { class: "spinner", "aria-hidden": "true" }), el("span", { text }));
  container().dataset.state = "loading";
}

export function idle() {
  const s = $("#status");
  s.classList.add("idle");
  s.replaceChildren();
  container().dataset.state = "ready";
}

/** A message that stays until the next load or message ("Showing the strongest part ..."). */
export function note(text) {
  const s = $("#status");
  s.classList.remove("idle");
  s.replaceChildren(el("span", { class: "note", text }));
  clearTimeout(flashTimer);
}

/** A message that goes away by itself. */
export function flash(text) {
  const s = $("#status");
  s.classList.remove("idle");
  s.replaceChildren(el("span", { text }));
  clearTimeout(flashTimer);
  flashTimer = setTimeout(idle, 2200);
}

export function showError(err, retry) {
  const box = $("#error");
  const title = err instanceof ApiError ? err.title : "Something went wrong";
  const detail = err instanceof ApiError ? err.detail : String(err && err.message ? err.message : err);
  box.replaceChildren(
    el("strong", { text: title }),
    detail ? el("span", { text: detail }) : null,
    el("div", {},
      retry ? el("button", { type: "button", onclick: () => { hideError(); retry(); } }, "Retry") : null,
      " ",
      el("button", { type: "button", onclick: hideError }, "Dismiss"))
  );
  box.hidden = false;
  container().dataset.state = "error";
}

export function hideError() {
  $("#error").hidden = true;
}

export function setEmpty(message) {
  const box = $("#empty");
  if (message) {
    $("#empty-text").textContent = message;
    box.hidden = false;
  } else box.hidden = true;
}

/** An error line inside a box (the panel, the path finder). */
export function inlineError(err) {
  return el("p", { class: "error-inline", role: "alert" }, el("strong", { text: err.title || "Error" }), " ", err.detail || err.message);
}
