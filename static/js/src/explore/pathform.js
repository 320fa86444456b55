/* The path finder's form: its two ends (autocomplete), the options, Find and Clear. */
import { $, autocomplete, el } from "../ag.js";
import { writeState } from "./links.js";
import { avoidActor, resolveInput } from "./paths.js";
import { clampInt } from "./state.js";
import { inlineError } from "./status.js";

function bindOptions(app) {
  const { state } = app;
  const avoid = $("#path-avoid");
  autocomplete(avoid, {
    onPick: (hit) => {
      avoidActor(app, hit.id, hit.name, false);
      avoid.value = "";
      delete avoid.dataset.pickedId;
    },
  });
  $("#path-k").addEventListener("change", (e) => { state.pk = clampInt(e.target.value, 1, 10, 3); writeState(state); });
  $("#path-len").addEventListener("change", (e) => { state.plen = clampInt(e.target.value, 1, 6, 4); writeState(state); });
  $("#path-hub").addEventListener("change", (e) => { state.phub = e.target.value ? clampInt(e.target.value, 1, 1000000, null) : null; writeState(state); });
  document.querySelectorAll('input[name="path-rel"]').forEach((box) =>
    box.addEventListener("change", () => {
      state.prel = [...document.querySelectorAll('input[name="path-rel"]:checked')].map((i) => i.value);
      writeState(state);
    })
  );
}

export function bindPathForm(app) {
  const from = $("#path-from");
  const to = $("#path-to");
  bindOptions(app);
  autocomplete(from, { onPick: () => to.focus() });
  autocomplete(to, { onPick: () => $("#path-form").requestSubmit() });
  $("#path-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const a = await resolveInput(from);
      const b = await resolveInput(to);
      if (!a || !b) {
        $("#path-result").replaceChildren(el("p", { class: "empty", text: "Pick two actors." }));
        return;
      }
      await app.findPaths(a.id, b.id);
    } catch (err) {
      $("#path-result").replaceChildren(inlineError(err));
    }
  });
  $("#path-clear").addEventListener("click", () => {
    from.value = "";
    to.value = "";
    delete from.dataset.pickedId;
    delete to.dataset.pickedId;
    app.clearPaths();
    writeState(app.state);
  });
}
