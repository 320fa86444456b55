/* The explorer's time slider: a histogram of evidence per month (GET /api/timeline, the
 * date rule: a sentence's date, else its document's) with a slider that shows the graph
 * as it stood at the end of a month, and a Play button that moves it forward month by
 * month. It knows nothing of the graph: it calls onChange(until) with the last day of the
 * month chosen ("" for every date) and waits for the promise it returns before stepping on.
 */
import { el } from "../ag.js";

const STEP_MS = 900;

function nextMonth(m) {
  let [y, mo] = m.split("-").map(Number);
  mo += 1;
  if (mo > 12) {
    mo = 1;
    y += 1;
  }
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}`;
}

/** Every month from the first to the last, those without evidence counted 0. */
function continuous(counts) {
  if (!counts.length) return [];
  const by = new Map(counts.map((c) => [c.month, c.evidence]));
  const out = [];
  for (let m = counts[0].month; m <= counts[counts.length - 1].month && out.length < 600; m = nextMonth(m)) {
    out.push({ month: m, evidence: by.get(m) || 0 });
  }
  return out;
}

function lastDay(month) {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(y, m, 0).getDate()).padStart(2, "0")}`;
}

export class TimeSlider {
  constructor(root, opts) {
    this.root = root;
    this.onChange = opts.onChange;
    this.months = [];
    this.undated = 0;
    this.playing = false;
    this.bars = root.querySelector("#time-bars");
    this.slider = root.querySelector("#time-slider");
    this.label = root.querySelector("#time-label");
    this.playButton = root.querySelector("#time-play");
    this.slider.addEventListener("input", () => this.show());
    this.slider.addEventListener("change", () => {
      this.stop();
      this.onChange(this.until());
    });
    this.playButton.addEventListener("click", () => (this.playing ? this.stop() : this.play()));
  }

  /** New counts (the filters changed); `until` is the state's current end date. */
  setCounts(answer, until) {
    this.months = continuous(answer.months || []);
    this.undated = answer.undated || 0;
    const max = Math.max(1, ...this.months.map((m) => m.evidence));
    this.bars.replaceChildren(
      ...this.months.map((m, i) =>
        el("span", {
          class: "time-bar",
          "data-i": String(i),
          title: `${m.month}: ${m.evidence} evidence sentence${m.evidence === 1 ? "" : "s"}`,
          // square root: a month of 3 sentences stays visible beside one of 300
          style: { height: `${m.evidence ? Math.max(12, Math.round(100 * Math.sqrt(m.evidence / max))) : 0}%` },
        })
      )
    );
    this.slider.max = String(this.months.length);
    this.slider.disabled = !this.months.length;
    this.playButton.disabled = this.months.length < 2;
    this.root.dataset.months = String(this.months.length);
    this.setUntil(until);
  }

  /** Put the slider where `until` (a date or month, or "") falls. */
  setUntil(until) {
    let i = this.months.length;
    if (until) {
      const m = until.slice(0, 7);
      const at = this.months.findIndex((x) => x.month >= m);
      i = at < 0 ? this.months.length : this.months[at].month === m ? at : Math.max(0, at - 1);
    }
    this.slider.value = String(i);
    this.show();
  }

  index() {
    return parseInt(this.slider.value, 10) || 0;
  }

  until() {
    const i = this.index();
    return i >= this.months.length ? "" : lastDay(this.months[i].month);
  }

  show() {
    const i = this.index();
    const all = i >= this.months.length;
    this.bars.querySelectorAll(".time-bar").forEach((b) => b.classList.toggle("after", !all && Number(b.dataset.i) > i));
    const upTo = this.months.slice(0, all ? this.months.length : i + 1).reduce((s, m) => s + m.evidence, 0);
    const text = !this.months.length
      ? "no dated evidence"
      : all
        ? `all dates · ${upTo} dated sentences${this.undated ? `, ${this.undated} undated` : ""}`
        : `up to ${this.months[i].month} · ${upTo} sentences`;
    this.label.textContent = text;
    this.slider.setAttribute("aria-valuetext", all ? "all dates" : `up to ${this.months[i].month}`);
    this.root.dataset.index = String(i);
  }

  /** Month by month from the first, each step drawn before the next. */
  async play() {
    if (this.months.length < 2) return;
    this.playing = true;
    this.playButton.setAttribute("aria-pressed", "true");
    this.playButton.textContent = "❚❚ Pause";
    this.root.dataset.playing = "true";
    let i = this.index() >= this.months.length - 1 ? 0 : this.index();
    while (this.playing && i <= this.months.length) {
      this.slider.value = String(i);
      this.show();
      await this.onChange(this.until());
      if (!this.playing) break;
      await new Promise((r) => setTimeout(r, STEP_MS));
      i += 1;
    }
    this.stop();
  }

  stop() {
    this.playing = false;
    this.playButton.setAttribute("aria-pressed", "false");
    this.playButton.textContent = "▶ Play";
    this.root.dataset.playing = "false";
  }
}
