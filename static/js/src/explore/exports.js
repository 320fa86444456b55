/* The export buttons that draw the view itself: PNG (2× and 3×), SVG and the offline HTML
 * file. The graph formats are plain links (links.js). */
import { $ } from "../ag.js";
import { label } from "./load.js";
import { offlineHtml } from "./offline-html.js";
import { busy, idle, showError } from "./status.js";

/** Save a blob under a file name through a temporary link. */
function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}

function defaultTitle(app) {
  const focus = app.state.focus.map((id) => label(app, id)).join(", ");
  return focus ? `actorgraph: around ${focus}` : "actorgraph: the graph";
}

export function bindExports(app) {
  const { view } = app;
  const picture = () => ({ title: $("#export-title").value.trim() || defaultTitle(app) });
  for (const id of ["export-png", "export-png3"]) {
    $("#" + id).addEventListener("click", async (e) => {
      try {
        const scale = Number(e.currentTarget.dataset.scale) || 2;
        download(await view.reportPng({ ...picture(), scale }), `actorgraph-view@${scale}x.png`);
      } catch (err) {
        showError(err);
      }
    });
  }
  $("#export-svg").addEventListener("click", () => {
    download(new Blob([view.svgText(picture())], { type: "image/svg+xml" }), "actorgraph-view.svg");
  });
  $("#export-html").addEventListener("click", async () => {
    busy("Building the offline view…");
    try {
      const html = await offlineHtml(view, picture());
      download(new Blob([html], { type: "text/html" }), "actorgraph-view.html");
      idle();
    } catch (err) {
      idle();
      showError(err);
    }
  });
}
