// The interactive computational graph: the controls, state and computation log for each
// `.bp-graph` element of a page. The page already holds the drawing, in its idle state, and the
// controls (generator/graph_svg.py and the graph template); the steps and their strings come
// from the JSON the generator embedded in the element. Nothing here computes or formats a number.
(function () {
  "use strict";
  var ns = (window.BackpropGraph = window.BackpropGraph || {});

  // Milliseconds between two steps, by the speed's name in the page; the edge pulses last as long.
  var SPEEDS = { Slow: 1500, Normal: 800, Fast: 150 };
  var STATUS = {
    "idle": "Press Forward Pass to compute the values from the inputs to the loss.",
    "forward": "Forward pass: each node is computed from the nodes to its left.",
    "forward-done": "Forward pass done. Press Backward Pass to send the gradients back.",
    "backward": "Backward pass: each gradient is computed from the gradients to its right.",
    "backward-done": "Backward pass done: every parameter has its gradient.",
  };

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function html(name, attributes, parent, text) {
    var el = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      el.setAttribute(key, attributes[key]);
    });
    if (text !== undefined) el.textContent = text;
    if (parent) parent.appendChild(el);
    return el;
  }

  // Has the step that fills this slot (a node's value_step or gradient_step, an edge's
  // label_step, as the data says) been applied?
  function filled(step, cursor) {
    return step !== null && step !== undefined && step <= cursor;
  }

  function phaseOf(w, cursor) {
    if (cursor < 0) return "idle";
    if (cursor < w.lastForward) return "forward";
    if (cursor === w.lastForward) return "forward-done";
    if (cursor < w.last) return "backward";
    return "backward-done";
  }

  function nodeLabel(w, node, cursor) {
    var shownValue = node.given || (filled(node.value_step, cursor) ? w.steps[node.value_step].text : null);
    var label = node.title + (shownValue ? " = " + shownValue : ", not computed yet");
    if (filled(node.gradient_step, cursor)) {
      var g = w.steps[node.gradient_step];
      label += "; " + g.symbol + " = " + g.text;
    }
    return label;
  }

  // Restarts a CSS animation on an element that may already carry the class.
  function pulse(el, className) {
    el.classList.remove("is-lit", "is-forward", "is-backward");
    void el.getBoundingClientRect();
    el.classList.add("is-lit", className);
  }

  function drawNodes(w, cursor) {
    Object.keys(w.parts.nodes).forEach(function (id) {
      var part = w.parts.nodes[id];
      var node = part.data;
      var computed = filled(node.value_step, cursor);
      part.value.textContent = node.given || (computed ? w.steps[node.value_step].text : "");
      part.group.classList.toggle("is-computed", computed);
      part.group.classList.remove("is-active", "is-source", "is-forward", "is-backward");
      var hasGradient = filled(node.gradient_step, cursor);
      part.group.classList.toggle("has-gradient", hasGradient);
      if (part.tag) {
        var g = hasGradient ? w.steps[node.gradient_step] : null;
        part.tag.symbol.textContent = g ? g.symbol : "";
        part.tag.value.textContent = g ? g.text : "";
      }
      part.group.setAttribute("aria-label", nodeLabel(w, node, cursor));
    });
  }

  function drawEdges(w, cursor) {
    Object.keys(w.parts.edges).forEach(function (id) {
      w.parts.edges[id].classList.remove("is-lit", "is-forward", "is-backward");
    });
    w.data.edges.forEach(function (edge) {
      var label = w.parts.labels[edge.id];
      if (!label) return;
      var shown = filled(edge.label_step, cursor);
      label.group.classList.toggle("is-shown", shown);
      label.group.classList.remove("is-active");
      label.symbol.textContent = shown ? w.steps[edge.label_step].label : "";
      label.value.textContent = shown ? w.steps[edge.label_step].text : "";
    });
  }

  // Lights the current step: its node, the nodes it reads, and the edges it travels.
  function drawStep(w, cursor) {
    if (cursor < 0) return;
    var step = w.steps[cursor];
    var direction = step.phase === "forward" ? "is-forward" : "is-backward";
    w.parts.nodes[step.node].group.classList.add("is-active", direction);
    step.sources.forEach(function (id) {
      if (w.parts.nodes[id]) w.parts.nodes[id].group.classList.add("is-source");
    });
    step.edges.forEach(function (id) { pulse(w.parts.edges[id], direction); });
    if (step.edge && w.parts.labels[step.edge]) w.parts.labels[step.edge].group.classList.add("is-active");
  }

  function syncLog(w, cursor) {
    var log = w.ui.log;
    while (log.children.length > cursor + 1) log.removeChild(log.lastChild);
    for (var i = log.children.length; i <= cursor; i++) {
      var s = w.steps[i];
      var line = html("li", {
        "class": "bp-graph__line bp-graph__line--" + s.phase,
        "data-node-id": s.node, "data-step-id": s.id, tabindex: "0",
      }, log, s.log);
      if (s.edge) line.setAttribute("data-edge-id", s.edge);
      bindLink(w, line, [s.node]);
    }
    var current = log.querySelector(".is-current");
    if (current) current.classList.remove("is-current");
    if (cursor >= 0) {
      log.children[cursor].classList.add("is-current");
      w.ui.logRegion.scrollTop = w.ui.logRegion.scrollHeight;
    }
  }

  function redraw(w) {
    var cursor = w.player.cursor;
    var phase = phaseOf(w, cursor);
    w.root.setAttribute("data-phase", phase);
    w.root.classList.toggle("is-playing", w.player.playing);
    drawNodes(w, cursor);
    drawEdges(w, cursor);
    drawStep(w, cursor);
    syncLog(w, cursor);
    // The label says what the button does next, so it is not also marked as pressed.
    w.ui.buttons.play.textContent = w.player.playing ? "Pause" : "Play";
    w.ui.buttons.step.setAttribute("aria-disabled", cursor >= w.last ? "true" : "false");
    w.ui.status.textContent = STATUS[phase];
  }

  // Hovering or focusing a node lights its log lines, and a log line lights its node.
  function setLinked(w, nodeIds, on) {
    nodeIds.forEach(function (id) {
      if (w.parts.nodes[id]) w.parts.nodes[id].group.classList.toggle("is-linked", on);
      Array.prototype.forEach.call(w.ui.log.querySelectorAll('[data-node-id="' + id + '"]'), function (line) {
        line.classList.toggle("is-linked", on);
      });
    });
  }

  function bindLink(w, el, ids) {
    function on() { setLinked(w, ids, true); }
    function off() { setLinked(w, ids, false); }
    el.addEventListener("mouseenter", on);
    el.addEventListener("focus", on);
    el.addEventListener("mouseleave", off);
    el.addEventListener("blur", off);
  }

  // What each button does. Each pass plays to its end, or jumps there when the reader asked
  // for less motion.
  function actions(w) {
    var player = w.player;
    function run(end) {
      if (reducedMotion()) player.jumpTo(end);
      else player.playTo(end);
    }
    return {
      forward: function () {
        if (player.cursor >= w.lastForward) player.reset();
        run(w.lastForward);
      },
      backward: function () {
        if (player.cursor >= w.last) player.jumpTo(w.lastForward);
        run(w.last);
      },
      step: function () { player.step(); },
      play: function () {
        if (player.playing) return player.pause();
        if (player.cursor >= w.last) player.reset();
        run(player.cursor < w.lastForward ? w.lastForward : w.last);
      },
      reset: function () { player.reset(); },
    };
  }

  function bindControls(w) {
    var todo = actions(w);
    w.ui.controls.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (target && todo[target.getAttribute("data-action")]) todo[target.getAttribute("data-action")]();
    });
    function applySpeed() {
      w.root.style.setProperty("--bp-step-duration", w.delay() + "ms");
    }
    w.ui.speed.addEventListener("change", applySpeed);
    applySpeed();
    Object.keys(w.parts.nodes).forEach(function (id) {
      bindLink(w, w.parts.nodes[id].group, [id]);
    });
  }

  // The sideways-scroll hint shows only while the drawing is wider than the page.
  function watchWidth(w) {
    function showHint() {
      if (!w.root.isConnected) return window.removeEventListener("resize", showHint);
      w.ui.hint.hidden = w.ui.canvas.scrollWidth <= w.ui.canvas.clientWidth;
    }
    window.addEventListener("resize", showHint);
    showHint();
  }

  // The elements the page holds for the widget (see the graph template).
  function controlsOf(root) {
    var buttons = {};
    Array.prototype.forEach.call(root.querySelectorAll("button[data-action]"), function (b) {
      buttons[b.getAttribute("data-action")] = b;
    });
    var logRegion = root.querySelector(".bp-graph__log");
    return {
      controls: root.querySelector(".bp-graph__controls"), buttons: buttons,
      speed: root.querySelector("select[data-control=speed]"), status: root.querySelector(".bp-graph__status"),
      hint: root.querySelector(".bp-graph__hint"), canvas: root.querySelector(".bp-graph__canvas"),
      logRegion: logRegion, log: logRegion.querySelector("ol"),
    };
  }

  function setup(root) {
    if (root.hasAttribute("data-graph-ready")) return;
    // After instant navigation the data's script has lost its class and type (Material
    // re-creates the scripts of a new page from their text alone): it is still the root's
    // only script, and the data an array that ran harmlessly.
    var source = root.querySelector("script.bp-graph__data") || root.querySelector("script");
    if (!source) return;
    var data = JSON.parse(source.textContent)[0];
    var parts = ns.parts(root, data);
    if (!parts) return;
    root.setAttribute("data-graph-ready", "");
    var w = {
      root: root, data: data, steps: data.steps, parts: parts, ui: controlsOf(root),
      lastForward: data.forward_steps - 1, last: data.steps.length - 1,
    };
    w.delay = function () { return SPEEDS[w.ui.speed.value] || SPEEDS.Normal; };
    w.player = new ns.Player(w.steps.length, function () { redraw(w); });
    w.player.delay = w.delay;
    w.player.alive = function () { return root.isConnected; };
    bindControls(w);
    redraw(w);
    watchWidth(w);
  }

  // A page that draws the graph again (for a reader's own numbers) sets up the new copy.
  ns.setup = setup;

  function setupAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".bp-graph"), setup);
  }

  // Material's instant navigation announces each new page on document$; pages opened from
  // disk may never see it fire, so the DOM's own event sets up the first page too. Set-up is
  // idempotent, so running both is harmless.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setupAll);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupAll);
  } else {
    setupAll();
  }
})();
