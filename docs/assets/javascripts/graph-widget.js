// The interactive computational graph: controls, drawing, state and computation log for each
// `.bp-graph` element of a page. The steps, their strings and the layout come from the JSON the
// generator embedded in the element; nothing here computes or formats a number.
(function () {
  "use strict";
  var ns = (window.BackpropGraph = window.BackpropGraph || {});

  // Milliseconds between two steps; the edge pulses last as long.
  var SPEEDS = [
    { name: "Slow", delay: 1500 },
    { name: "Normal", delay: 800 },
    { name: "Fast", delay: 150 },
  ];
  var DEFAULT_SPEED = "Normal";
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

  function setup(root) {
    if (root.hasAttribute("data-graph-ready")) return;
    // After instant navigation the data's script has lost its class and type (Material
    // re-creates the scripts of a new page from their text alone): it is still the root's
    // only script, and the data an array that ran harmlessly.
    var source = root.querySelector("script.bp-graph__data") || root.querySelector("script");
    if (!source) return;
    root.setAttribute("data-graph-ready", "");
    var data = JSON.parse(source.textContent)[0];
    var steps = data.steps;
    var lastForward = data.forward_steps - 1;
    var last = steps.length - 1;

    // Controls.
    var controls = html("div", { "class": "bp-graph__controls", role: "group", "aria-label": "Animation controls" }, root);
    function button(action, label) {
      return html("button", { type: "button", "class": "bp-graph__button", "data-action": action }, controls, label);
    }
    var buttons = {
      forward: button("forward", "Forward Pass"),
      backward: button("backward", "Backward Pass"),
      step: button("step", "Step"),
      play: button("play", "Play"),
      reset: button("reset", "Reset"),
    };
    var speedLabel = html("label", { "class": "bp-graph__speed" }, controls, "Speed ");
    var speed = html("select", { "data-control": "speed" }, speedLabel);
    SPEEDS.forEach(function (s) {
      var option = html("option", { value: s.name }, speed, s.name);
      if (s.name === DEFAULT_SPEED) option.selected = true;
    });
    var status = html("p", { "class": "bp-graph__status" }, root);

    // Drawing and log.
    var hint = html("p", { "class": "bp-graph__hint", hidden: "" }, root, "The graph is wider than the page: scroll it sideways.");
    var canvas = html("div", { "class": "bp-graph__canvas" }, root);
    var parts = ns.draw(canvas, data);
    function showHint() {
      if (!root.isConnected) return window.removeEventListener("resize", showHint);
      hint.hidden = canvas.scrollWidth <= canvas.clientWidth;
    }
    window.addEventListener("resize", showHint);
    html("p", { "class": "bp-graph__log-title", "aria-hidden": "true" }, root, "Computation log");
    var logRegion = html("div", { "class": "bp-graph__log", role: "log", "aria-label": "Computation log", "aria-live": "polite" }, root);
    var log = html("ol", {}, logRegion);

    // Which step shows each node's value and gradient, and each edge's label: said by the data.
    var valueStep = {}, gradientStep = {}, labelStep = {};
    data.nodes.forEach(function (n) {
      if (n.value_step !== null) valueStep[n.id] = n.value_step;
      if (n.gradient_step !== null) gradientStep[n.id] = n.gradient_step;
    });
    data.edges.forEach(function (e) {
      if (e.label_step !== null) labelStep[e.id] = e.label_step;
    });

    function delay() {
      var choice = SPEEDS.filter(function (s) { return s.name === speed.value; })[0] || SPEEDS[0];
      return choice.delay;
    }
    function applySpeed() {
      root.style.setProperty("--bp-step-duration", delay() + "ms");
    }

    var player = new ns.Player(steps.length, redraw);
    player.delay = delay;
    player.alive = function () { return root.isConnected; };

    function phaseOf(cursor) {
      if (cursor < 0) return "idle";
      if (cursor < lastForward) return "forward";
      if (cursor === lastForward) return "forward-done";
      if (cursor < last) return "backward";
      return "backward-done";
    }

    function nodeLabel(id, cursor) {
      var node = parts.nodes[id].data;
      var label = node.title;
      var shownValue = node.given || (valueStep[id] !== undefined && valueStep[id] <= cursor ? steps[valueStep[id]].text : null);
      label += shownValue ? " = " + shownValue : ", not computed yet";
      if (gradientStep[id] !== undefined && gradientStep[id] <= cursor) {
        var g = steps[gradientStep[id]];
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

    function syncLog(cursor) {
      while (log.children.length > cursor + 1) log.removeChild(log.lastChild);
      for (var i = log.children.length; i <= cursor; i++) {
        var s = steps[i];
        var line = html("li", {
          "class": "bp-graph__line bp-graph__line--" + s.phase,
          "data-node-id": s.node, "data-step-id": s.id, tabindex: "0",
        }, log, s.log);
        if (s.edge) line.setAttribute("data-edge-id", s.edge);
        bindLink(line, function () { return [this.getAttribute("data-node-id")]; });
      }
      var current = log.querySelector(".is-current");
      if (current) current.classList.remove("is-current");
      if (cursor >= 0) {
        log.children[cursor].classList.add("is-current");
        logRegion.scrollTop = logRegion.scrollHeight;
      }
    }

    function redraw() {
      var cursor = player.cursor;
      var phase = phaseOf(cursor);
      root.setAttribute("data-phase", phase);
      root.classList.toggle("is-playing", player.playing);
      Object.keys(parts.nodes).forEach(function (id) {
        var part = parts.nodes[id];
        var node = part.data;
        var computed = valueStep[id] !== undefined && valueStep[id] <= cursor;
        part.value.textContent = node.given || (computed ? steps[valueStep[id]].text : "");
        part.group.classList.toggle("is-computed", computed);
        part.group.classList.remove("is-active", "is-source", "is-forward", "is-backward");
        var hasGradient = gradientStep[id] !== undefined && gradientStep[id] <= cursor;
        part.group.classList.toggle("has-gradient", hasGradient);
        if (part.tag) {
          var g = hasGradient ? steps[gradientStep[id]] : null;
          part.tag.symbol.textContent = g ? g.symbol : "";
          part.tag.value.textContent = g ? g.text : "";
        }
        part.group.setAttribute("aria-label", nodeLabel(id, cursor));
      });
      Object.keys(parts.edges).forEach(function (id) {
        parts.edges[id].classList.remove("is-lit", "is-forward", "is-backward");
      });
      Object.keys(parts.labels).forEach(function (id) {
        var shown = labelStep[id] !== undefined && labelStep[id] <= cursor;
        var label = parts.labels[id];
        label.group.classList.toggle("is-shown", shown);
        label.group.classList.remove("is-active");
        label.symbol.textContent = shown ? steps[labelStep[id]].label : "";
        label.value.textContent = shown ? steps[labelStep[id]].text : "";
      });
      if (cursor >= 0) {
        var step = steps[cursor];
        var direction = step.phase === "forward" ? "is-forward" : "is-backward";
        parts.nodes[step.node].group.classList.add("is-active", direction);
        step.sources.forEach(function (id) {
          if (parts.nodes[id]) parts.nodes[id].group.classList.add("is-source");
        });
        step.edges.forEach(function (id) { pulse(parts.edges[id], direction); });
        if (step.edge && parts.labels[step.edge]) parts.labels[step.edge].group.classList.add("is-active");
      }
      syncLog(cursor);
      // The label says what the button does next, so it is not also marked as pressed.
      buttons.play.textContent = player.playing ? "Pause" : "Play";
      buttons.step.setAttribute("aria-disabled", cursor >= last ? "true" : "false");
      status.textContent = STATUS[phase];
    }

    // Hovering or focusing a node lights its log lines, and a log line lights its node.
    function setLinked(nodeIds, on) {
      nodeIds.forEach(function (id) {
        if (parts.nodes[id]) parts.nodes[id].group.classList.toggle("is-linked", on);
        Array.prototype.forEach.call(log.querySelectorAll('[data-node-id="' + id + '"]'), function (line) {
          line.classList.toggle("is-linked", on);
        });
      });
    }
    function bindLink(el, ids) {
      function on() { setLinked(ids.call(el), true); }
      function off() { setLinked(ids.call(el), false); }
      el.addEventListener("mouseenter", on);
      el.addEventListener("focus", on);
      el.addEventListener("mouseleave", off);
      el.addEventListener("blur", off);
    }
    Object.keys(parts.nodes).forEach(function (id) {
      bindLink(parts.nodes[id].group, function () { return [id]; });
    });

    // Each pass plays to its end, or jumps there when the reader asked for less motion.
    function run(end) {
      if (reducedMotion()) player.jumpTo(end);
      else player.playTo(end);
    }
    var actions = {
      forward: function () {
        if (player.cursor >= lastForward) player.reset();
        run(lastForward);
      },
      backward: function () {
        if (player.cursor >= last) player.jumpTo(lastForward);
        run(last);
      },
      step: function () { player.step(); },
      play: function () {
        if (player.playing) return player.pause();
        if (player.cursor >= last) player.reset();
        run(player.cursor < lastForward ? lastForward : last);
      },
      reset: function () { player.reset(); },
    };
    controls.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (target && actions[target.getAttribute("data-action")]) actions[target.getAttribute("data-action")]();
    });
    speed.addEventListener("change", applySpeed);

    applySpeed();
    redraw();
    showHint();
  }

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
