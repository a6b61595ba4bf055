// One editable page's fields and what follows from them: a field's text is read on every
// keystroke; a valid number prints the page again, an invalid one marks its field and keeps
// the last valid numbers on the page; the address keeps the changed values (one history entry
// per change, so back and forward step through them); Reset brings back the page as built.
(function () {
  "use strict";

  const ns = (window.BackpropEdit = window.BackpropEdit || {});
  const values = () => window.BackpropEditValues;

  function Editor(root) {
    const source = root.querySelector("script.bp-edit__data") || root.querySelector("script");
    this.root = root;
    this.data = JSON.parse(source.textContent)[0];
    this.fields = new Map(Array.from(root.querySelectorAll("input[data-ref]"), (input) => [input.getAttribute("data-ref"), input]));
    this.refs = new Set(this.fields.keys());
    this.author = new Map(Array.from(this.fields, ([ref, input]) => [ref, input.defaultValue]));
    this.valid = new Map();
    this.note = root.querySelector(".bp-edit__note");
    this.parts = Array.from(document.querySelectorAll(".bp-live"));
    keepGlyphs(this.parts);
    this.built = this.parts.map((el) => el.cloneNode(true));
    this.graph = new ns.GraphPart(document.querySelector(".bp-graph"));
    this.typesetter = new ns.Typesetter(document, ns.MATHJAX);
    this.parts.forEach((el) => this.typesetter.learn(el));
    this.token = 0;
    this.entry = false;
  }

  // The build writes the glyphs every formula draws with once, before the page's first formula,
  // which may be inside a part that is printed again: they move out of it, just before it.
  function keepGlyphs(parts) {
    document.querySelectorAll("svg.bp-math-glyphs").forEach((svg) => {
      const part = parts.find((el) => el.contains(svg));
      if (part) part.parentNode.insertBefore(svg, part);
    });
  }

  // The value of each field as given in the example file.
  Editor.prototype.given = function (ref) {
    return values().parse(this.author.get(ref), ref, this.data).value;
  };

  Editor.prototype.start = function () {
    this.fields.forEach((input, ref) => {
      input.addEventListener("input", () => this.edited(ref));
      // A change is done when the field is left or Enter pressed: the next one gets its own
      // history entry.
      input.addEventListener("change", () => { this.entry = false; });
    });
    this.root.querySelector(".bp-edit__reset").addEventListener("click", () => this.reset());
    window.addEventListener("popstate", () => { if (this.root.isConnected) this.fromAddress(); });
    // The editor starts when the reader comes to a field (backprop-edit.js), and a first
    // keystroke may come before it: a field that no longer holds its given value was typed in.
    if (ns.addressNamesAField(this.root)) this.fromAddress();
    else {
      this.fields.forEach((input, ref) => this.valid.set(ref, this.given(ref)));
      this.fields.forEach((input, ref) => { if (input.value !== this.author.get(ref)) this.edited(ref); });
    }
    this.root.setAttribute("data-edit-started", "");
  };

  Editor.prototype.mark = function (ref, error) {
    const input = this.fields.get(ref);
    const message = this.root.querySelector("#bp-edit-" + ref);
    if (error) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    if (message) message.textContent = error || "";
  };

  Editor.prototype.edited = function (ref) {
    const read = values().parse(this.fields.get(ref).value, ref, this.data);
    this.mark(ref, read.error);
    if (read.error) return;
    const before = this.valid.get(ref);
    this.valid.set(ref, read.value);
    this.show().then((shown) => {
      if (shown === NOT_A_NUMBER) {
        this.valid.set(ref, before);
        this.mark(ref, "With this value a number on the page would not be a number: the page keeps the last valid numbers.");
      }
      if (shown !== true) return;
      const url = location.pathname + values().toAddress(location.search, this.refs, this.changedText()) + location.hash;
      if (this.entry) history.replaceState(history.state, "", url);
      else history.pushState(history.state, "", url);
      this.entry = true;
    });
  };

  // The changed values: those whose valid number differs from the example file's.
  Editor.prototype.changed = function () {
    const out = new Map();
    this.valid.forEach((v, ref) => {
      if (!Object.is(v, this.given(ref))) out.set(ref, v);
    });
    return out;
  };

  Editor.prototype.changedText = function () {
    const out = new Map();
    this.changed().forEach((v, ref) => out.set(ref, this.fields.get(ref).value.trim()));
    return out;
  };

  // The fields and the page as the address has them: its valid values for the page's ids,
  // the example file's for every other field.
  Editor.prototype.fromAddress = function () {
    const found = values().fromAddress(location.search, this.refs, this.data);
    this.valid.clear();
    this.fields.forEach((input, ref) => {
      input.value = found.has(ref) ? found.get(ref) : this.author.get(ref);
      this.mark(ref, null);
      this.valid.set(ref, values().parse(input.value, ref, this.data).value);
    });
    this.entry = false;
    // An address whose numbers the page cannot print changes nothing.
    return this.show().then((shown) => (shown === NOT_A_NUMBER ? this.reset() : shown));
  };

  Editor.prototype.reset = function () {
    const had = location.search !== values().toAddress(location.search, this.refs, new Map());
    this.fields.forEach((input, ref) => {
      input.value = this.author.get(ref);
      this.mark(ref, null);
      this.valid.set(ref, this.given(ref));
    });
    this.entry = false;
    if (had) history.pushState(history.state, "", location.pathname + values().toAddress(location.search, this.refs, new Map()) + location.hash);
    return this.show();
  };

  const NOT_A_NUMBER = "not a number";

  // The page for the valid values: printed again where some differ from the example file's,
  // as built where none does. The formulas in and near the window are typeset before the page
  // changes, the others after, nearest first (each keeps its old drawing, marked busy, until
  // then). True once every formula is in; false where a later change overtook this one;
  // NOT_A_NUMBER (and the page unchanged) where some value on the page would not be a number.
  Editor.prototype.show = async function () {
    const token = ++this.token;
    const overtaken = () => token !== this.token;
    const changed = this.changed();
    const started = performance.now();
    if (changed.size === 0) {
      if (this.modified) this.restore();
      this.inView(started, started, started);
      return this.shown(started);
    }
    let rendered;
    try {
      rendered = ns.render(this.data, changed, this.parts, this.graph.present());
    } catch (e) {
      if (e instanceof RangeError) return NOT_A_NUMBER;
      throw e;
    }
    const computed = performance.now();
    await this.typesetter.typeset(ns.nearFormulas(rendered, NEAR * window.innerHeight));
    if (overtaken()) return false;
    const typeset = performance.now();
    const pending = ns.apply(rendered, this.typesetter);
    this.graph.show(rendered.graph);
    this.modified = true;
    this.note.textContent = "This page shows your numbers, not the author's: Reset brings back the example's.";
    await painted();
    if (overtaken()) return false;
    this.inView(started, computed, typeset);
    if (!(await this.typesetter.fill(pending, overtaken))) return false;
    await painted();
    if (overtaken()) return false;
    return this.shown(started);
  };

  // Once the browser has laid out and painted what the page changed (a task queued from a
  // frame's callback runs after that frame).
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

  // How far beyond the window, in windows, formulas are typeset before the page changes: far
  // enough that a reader who scrolls right after an edit meets typeset formulas.
  const NEAR = 0.5;

  Editor.prototype.restore = function () {
    this.parts.forEach((el, i) => el.replaceChildren(...Array.from(this.built[i].childNodes, (n) => n.cloneNode(true))));
    this.graph.restore();
    this.note.textContent = "";
    this.modified = false;
  };

  // Tells whoever waits (the tests, the benchmark) that the page is printed, and how long it
  // took: "bp-edit-in-view" once the window shows the new numbers, "bp-edit-shown" once every
  // formula on the page does (ms since the edit: to the numbers computed, to the window shown,
  // to every formula in; and the time spent typesetting the formulas in view).
  Editor.prototype.inView = function (started, computed, typeset) {
    this.timing = { compute: computed - started, typeset: typeset - computed, inView: performance.now() - started };
    this.root.dispatchEvent(new CustomEvent("bp-edit-in-view", { detail: this.timing }));
  };

  Editor.prototype.shown = function (started) {
    const detail = Object.assign({}, this.timing, { total: performance.now() - started });
    this.shownCount = (this.shownCount || 0) + 1;
    this.root.setAttribute("data-edit-shown", String(this.shownCount));
    this.root.dispatchEvent(new CustomEvent("bp-edit-shown", { detail }));
    return true;
  };

  ns.Editor = Editor;
})();
