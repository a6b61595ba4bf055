// The numeric core of generator/core.py for the page: forward pass, loss, backward pass and a
// gradient-descent step, with the same operations (each weighted sum and each loss sum rounded
// once, exp and tanh from backprop-elementary.js), so that every value is the build's value to
// the last bit. It never touches the page.
//
// A network is {sizes, activations, loss, weights, biases}: weights[l-1] is W<l> as an array of
// rows, biases[l-1] is b<l>. Layers are numbered from 1 as on the pages; index 0 of `a` is the
// input x, index 0 of `gradA` is dL/dx, and index 0 of the other lists is unused (null).
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./backprop-elementary.js"));
  else root.BackpropEngine = factory(root.BackpropElementary);
})(typeof self !== "undefined" ? self : this, function (elementary) {
  "use strict";

  // The sigmoid is split by sign so that exp only ever sees non-positive arguments, and its
  // derivative is e/(1 + e)^2 rather than a(1 - a), which cancels when a is close to 1.
  function sigmoid(z) {
    const e = elementary.exp(-Math.abs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
  }

  function sigmoidDerivative(z) {
    const e = elementary.exp(-Math.abs(z));
    const d = 1 + e;
    return e / (d * d);
  }

  // 1 - a^2 written as 4e/(1 + e)^2 with e = exp(-2|z|): no cancellation when a is near 1 or -1.
  function tanhDerivative(z) {
    const e = elementary.exp(-2 * Math.abs(z));
    const d = 1 + e;
    return (4 * e) / (d * d);
  }

  // Under cross-entropy a sigmoid output's a - y and dL/da are taken from the logit z, so that
  // they keep their precision where a rounds to 0 or 1: a - y = (1 - y) - sigmoid(-z) for
  // z >= 0, and dL/da = (1 - y)(1 + e^z) - y(1 + e^-z).
  function sigmoidMinus(z, y) {
    return z >= 0 ? (1 - y) - sigmoid(-z) : sigmoid(z) - y;
  }

  function sigmoidBceGradient(z, y) {
    const towardsOne = y < 1 ? (1 - y) * (1 + elementary.exp(z)) : 0;
    const towardsZero = y > 0 ? y * (1 + elementary.exp(-z)) : 0;
    return towardsOne - towardsZero;
  }

  // One row per activation: the function, and its derivative from z and the computed a = f(z).
  // relu'(0) = 0, as in the core and in most frameworks.
  const ACTIVATIONS = {
    sigmoid: { f: sigmoid, derivative: sigmoidDerivative },
    tanh: { f: elementary.tanh, derivative: tanhDerivative },
    relu: { f: (z) => Math.max(z, 0), derivative: (z) => (z > 0 ? 1 : 0) },
    identity: { f: (z) => z, derivative: () => 1 },
  };

  // One row per loss: its value (from the logits where the output is a sigmoid under
  // cross-entropy), a sum rounded once, and dL/da. numpy's x ** 2 is x * x.
  const total = elementary.total;
  const LOSSES = {
    mse: {
      value: (a, y) => 0.5 * total(a.map((ai, i) => (ai - y[i]) * (ai - y[i]))),
      gradient: (a, y) => a.map((ai, i) => ai - y[i]),
    },
    bce: {
      value(a, y, z, outputActivation) {
        if (outputActivation === "sigmoid") {
          const sp = elementary.softplus;
          return total(z.map((zi, i) => y[i] * sp(-zi) + (1 - y[i]) * sp(zi)));
        }
        return -total(a.map((ai, i) => y[i] * elementary.log(ai) + (1 - y[i]) * elementary.log1p(-ai)));
      },
      gradient: (a, y) => a.map((ai, i) => (ai - y[i]) / (ai * (1 - ai))),
    },
  };

  function transpose(W) {
    return W[0].map((_, j) => W.map((row) => row[j]));
  }

  function forward(net, x) {
    const z = [null];
    const a = [x.slice()];
    net.weights.forEach((W, i) => {
      const b = net.biases[i];
      z.push(W.map((row, j) => elementary.weightedSum(row, a[i], b[j])));
      a.push(z[i + 1].map(ACTIVATIONS[net.activations[i]].f));
    });
    return { z, a };
  }

  // One forward pass, the loss and one backward pass, every intermediate recorded.
  function run(net, x, y) {
    const depth = net.sizes.length - 1;
    const { z, a } = forward(net, x);
    const output = net.activations[depth - 1];
    const trace = { z, a, loss: LOSSES[net.loss].value(a[depth], y, z[depth], output) };
    trace.activationDerivative = [null];
    net.activations.forEach((name, i) => {
      const row = ACTIVATIONS[name];
      trace.activationDerivative.push(z[i + 1].map((zj, j) => row.derivative(zj, a[i + 1][j])));
    });
    const gradA = new Array(depth + 1).fill(null);
    const gradZ = new Array(depth + 1).fill(null);
    const gradW = new Array(depth + 1).fill(null);
    const gradB = new Array(depth + 1).fill(null);
    // Sigmoid output under cross-entropy: dL/da and dL/dz = a - y from the logit.
    const shortcut = net.loss === "bce" && output === "sigmoid";
    gradA[depth] = shortcut
      ? z[depth].map((zj, j) => sigmoidBceGradient(zj, y[j]))
      : LOSSES[net.loss].gradient(a[depth], y);
    for (let l = depth; l >= 1; l -= 1) {
      gradZ[l] = shortcut && l === depth
        ? z[depth].map((zj, j) => sigmoidMinus(zj, y[j]))
        : gradA[l].map((g, j) => g * trace.activationDerivative[l][j]);
      gradW[l] = gradZ[l].map((g) => a[l - 1].map((ak) => g * ak));
      gradB[l] = gradZ[l].slice();
      gradA[l - 1] = transpose(net.weights[l - 1]).map((column) => elementary.weightedSum(column, gradZ[l], 0));
    }
    return Object.assign(trace, { gradA, gradZ, gradW, gradB });
  }

  // The network after one gradient-descent step theta - learningRate * dL/dtheta, as
  // generator/training.py takes it; the network passed in is not changed.
  function step(net, trace, learningRate) {
    const weights = net.weights.map((W, i) =>
      W.map((row, j) => row.map((w, k) => w - learningRate * trace.gradW[i + 1][j][k])));
    const biases = net.biases.map((b, i) => b.map((v, j) => v - learningRate * trace.gradB[i + 1][j]));
    return Object.assign({}, net, { weights, biases });
  }

  return { ACTIVATIONS, LOSSES, forward, run, step };
});
