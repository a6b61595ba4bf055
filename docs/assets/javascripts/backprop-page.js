// Every part of an editable page printed again for the reader's numbers: one renderer per kind
// of part (div.bp-live[data-bp], generator/templates/_live.j2), each from the part's model as
// the page's ports compute it, and the graph (its data and drawing) for the graph's player.
// Text is only ever set as text: the parts are trees (backprop-markup.js) put on the page as
// elements.
(function () {
  "use strict";

  const B = window;
  const ns = (window.BackpropEdit = window.BackpropEdit || {});

  // The models of one page's numbers, each computed when a part first asks for it.
  function Models(data, values) {
    this.data = B.BackpropModel.withValues(data, values);
    this.m = B.BackpropModel.compute(this.data);
    this.settings = data.settings;
    this.cache = new Map();
  }

  const MODELS = {
    step: (s) => B.BackpropTraining.learningStep(s.m),
    training: (s) => B.BackpropTraining.trainingRun(s.m, s.settings),
    gates: (s) => B.BackpropGates.gates(s.m),
    nudge: (s) => B.BackpropNudge.nudgeTest(s.m, s.settings),
    graph: (s) => B.BackpropGraphData.graphData(s.m, s.settings.graph),
  };

  Models.prototype.get = function (name) {
    if (!this.cache.has(name)) this.cache.set(name, MODELS[name](this));
    return this.cache.get(name);
  };

  // The built part's first link, where a part links elsewhere on the site: its address is the
  // one the build wrote for this page, whichever way the site is served.
  const firstHref = (el) => (el.querySelector("a[href]") || { getAttribute: () => "" }).getAttribute("href");

  // kind → (models, the part's element) → the part's blocks.
  const RENDERERS = {
    setup: (s) => B.BackpropProseParts.setup(B.BackpropModel.setup(s.m)),
    equations: (s, el) => B.BackpropProseParts.equations(el.getAttribute("data-bp-ids").split(" ").map((id) => s.m.by.get(id))),
    "parameter-table": (s) => B.BackpropProseParts.parameterTable(B.BackpropModel.parameterRows(s.m)),
    exercises: (s) => B.BackpropProseWorked.exercises(B.BackpropExercises.exercises(s.m)),
    nudge: (s) => B.BackpropProseWorked.nudge(s.get("nudge")),
    reading: (s) => B.BackpropProseWorked.reading(B.BackpropReading.reading(s.m, s.settings.derivative_bound)),
    printing: (s) => B.BackpropProseWorked.printing(B.BackpropPrinting.printing(s.m, s.settings)),
    "gates-add": (s) => B.BackpropProseParts.gatesAdd(s.get("gates")),
    "gates-multiply": (s) => B.BackpropProseParts.gatesMultiply(s.get("gates")),
    "step-loss": (s, el) => B.BackpropProseParts.stepLoss(s.get("step"), firstHref(el)),
    "step-update": (s) => B.BackpropProseParts.stepUpdate(s.get("step")),
    "step-outputs": (s) => B.BackpropProseParts.stepOutputs(s.get("step")),
    "step-change": (s) => B.BackpropProseLearning.change(s.get("step")),
    training: (s) => B.BackpropProseLearning.training(s.get("training"), ""),
  };

  // The parts' blocks for the reader's `values` (a Map of id to number), before anything on the
  // page changes: [{el, blocks}], and the graph's data and drawing where the page has a graph.
  // Throws a RangeError where a value on the page would not be a number.
  function render(data, values, parts, hasGraph) {
    const s = new Models(data, values);
    const out = parts.map((el) => ({ el, blocks: RENDERERS[el.getAttribute("data-bp")](s, el) }));
    let graph = null;
    if (hasGraph) {
      const g = s.get("graph");
      graph = { data: g, drawing: g.drawable ? B.BackpropGraphSvg.drawing(g, s.settings.graph_label) : null };
    }
    return { parts: out, graph };
  }

  // The formulas of `rendered` that will stand within `margin` pixels of the window: each is
  // placed where the part's formula of the same rank stands now (the parts keep their shape
  // when the numbers change), or where the part stands if it has no such formula.
  function nearFormulas(rendered, margin) {
    const top = -margin;
    const bottom = window.innerHeight + margin;
    const near = (el) => {
      const box = el.getBoundingClientRect();
      return box.bottom >= top && box.top <= bottom;
    };
    return rendered.parts.flatMap(({ el, blocks }) => {
      const now = el.querySelectorAll(".arithmatex");
      const wanted = blocks.flatMap((b) => B.BackpropMarkup.formulas(b));
      return wanted.filter((f, i) => near(now[i] || el));
    });
  }

  // Put the printed parts on the page, changing only what differs (backprop-patch.js). Links
  // keep the build's addresses (the training part links to mini-batches, whose address depends
  // on how the site is served). A changed formula not typeset yet keeps its old drawing, marked
  // busy, until it is: returned as [{math, display, holder}] for the typesetter.
  function apply(rendered, typesetter) {
    const patcher = new ns.Patcher(typesetter);
    rendered.parts.forEach(({ el, blocks }) => {
      const hrefs = Array.from(el.querySelectorAll("a[href]"), (a) => [a.textContent, a.getAttribute("href")]);
      patcher.children(el, blocks);
      el.querySelectorAll("a[href]").forEach((a) => {
        const same = hrefs.find(([text]) => text === a.textContent);
        if (same && a.getAttribute("href") !== same[1]) a.setAttribute("href", same[1]);
      });
    });
    return patcher.pending;
  }

  ns.render = render;
  ns.apply = apply;
  ns.nearFormulas = nearFormulas;
  ns.KINDS = Object.keys(RENDERERS);
})();
