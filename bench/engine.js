// Times the page's engine and formatter: recompute an example (forward, loss, backward, one
// learning step and the pass after it) and print every value in the forms a page uses; or,
// with measure "lines", recompute it and print every line again (backprop-recompute.js, from
// the page data of generator/content/recompute.py).
// Reads {networks: [...], runs, measure} as JSON on stdin; writes the timings as JSON on stdout.
"use strict";
const path = require("path");
const { performance } = require("perf_hooks");
const scripts = path.join(__dirname, "..", "docs", "assets", "javascripts");
const engine = require(path.join(scripts, "backprop-engine.js"));
const numbers = require(path.join(scripts, "backprop-numbers.js"));
const recompute = require(path.join(scripts, "backprop-recompute.js"));

function values(trace) {
  const out = [trace.loss];
  const add = (v) => (Array.isArray(v) ? v.forEach(add) : v !== null && out.push(v));
  ["z", "a", "activationDerivative", "gradA", "gradZ", "gradW", "gradB"].forEach((k) => add(trace[k]));
  return out;
}

// Everything a reader's edit changes: the trace, the step's new parameters, the trace after.
function recomputeAndPrint(c) {
  const before = engine.run(c.network, c.x, c.y);
  const after = engine.step(c.network, before, c.learning_rate);
  const all = values(before).concat(values(engine.run(after, c.x, c.y)), after.weights.flat(2), after.biases.flat());
  const shown = [];
  for (const v of all) {
    const r = numbers.roundValue(v, c.digits);
    shown.push(r.tex(), r.text(), numbers.texFactor(v, c.digits));
  }
  return shown.length / 3;
}

// Every line of the example printed again: worked quantities (each in TeX, as an aligned row
// and in text), learning-step rows and worked updates, graph-form rows.
function recomputeLines(c) {
  const out = recompute.recompute(c.page);
  return out.quantities.length * 3 + out.updates.length * 2 + out.graph.length;
}

const MEASURES = { engine: recomputeAndPrint, lines: recomputeLines };

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Wall time and the process's CPU time (user and system) in milliseconds: on a busy machine
// the wall time includes waiting for a core, the CPU time hardly does.
function timed(f) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  f();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const request = JSON.parse(require("fs").readFileSync(0, "utf8"));
const measure = MEASURES[request.measure || "engine"];
const results = request.networks.map((c) => {
  let count = 0;
  const first = timed(() => (count = measure(c)));
  const later = [];
  for (let i = 0; i < request.runs; i += 1) later.push(timed(() => measure(c)));
  const settled = later.slice(request.runs / 10);
  return {
    name: c.name, values: count, first_ms: first.wall, first_cpu_ms: first.cpu,
    median_ms: median(settled.map((t) => t.wall)),
    mean_cpu_ms: settled.reduce((s, t) => s + t.cpu, 0) / settled.length,
  };
});
process.stdout.write(JSON.stringify(results));
