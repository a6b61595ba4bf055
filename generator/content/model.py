"""Every page model of one example, computed once before any template runs: the worked
quantities, the parameter table, the set-up, the graph, and the topics after "Key insights"
(gradient check, cost, learning step, training run, notations, drift). Templates only place
what is here."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..example import Example
from ..maths import core, drift, gradcheck, training
from ..maths.activations import ACTIVATIONS
from . import checks, graph, graph_svg, learning, listing, notations, paths, symmetry, vanishing, worked
from .batch import batch_page
from .drift import drift_page
from .printing import printing
from .reading import reading
from .numbers import Formatter
from . import exercises, gates, nudge
from .four_equations import four_equations


@dataclass
class Topics:
    gradient_check: dict
    nudge: dict  # one parameter raised by a small step, the loss change beside gradient x step
    gates: dict  # the add, multiply and max patterns at nodes of the graph
    cost: dict
    step: dict
    training: dict
    notations: dict
    drift: dict
    batch: dict | None  # a mini-batch, for an example with several samples
    paths: dict
    layers: dict  # the gradient's size per layer, each hidden activation in turn
    symmetry: dict | None  # for an example whose hidden units start equal

    @property
    def fan_out(self) -> list:
        return self.drift["fan_out"]


def setup(example: Example, fmt: Formatter) -> dict:
    """The network's layers and numbers as the worked page's set-up shows them."""
    net = example.network
    layers = [dict(layer=l, neurons=net.sizes[l], rows=net.sizes[l], columns=net.sizes[l - 1],
                   activation=ACTIVATIONS[net.activations[l - 1]].tex, weights=fmt.matrix(net.weights[l - 1], given=True),
                   biases=fmt.vector(net.biases[l - 1], given=True))
              for l in range(1, net.depth + 1)]
    return dict(inputs=net.sizes[0], x=fmt.vector(example.x, given=True), y=fmt.vector(example.y, given=True),
                layers=layers)


def topics(example: Example, trace: core.Trace, quantities: list, exact: drift.Chain, fmt: Formatter) -> Topics:
    net, x, y = example.network, example.x, example.y
    run = training.train(net, x, y, example.learning_rate, example.steps)
    return Topics(
        gradient_check=checks.gradient_check(gradcheck.check(net, x, y), net, fmt),
        nudge=nudge.nudge_test(trace, exact, fmt),
        gates=gates.gates(trace, quantities, exact, fmt),
        cost=checks.network_cost(net, fmt),
        step=learning.learning_step(training.step(net, x, y, example.learning_rate), y, exact, fmt),
        training=learning.training_run(run, net, y, fmt, f"loss-{example.slug}", f"Training loss, {example.title}"),
        notations=notations.notations(trace, exact, fmt),
        drift=drift_page(trace, quantities, exact, fmt),
        batch=batch_page(example, fmt),
        paths=paths.path_counts(trace, exact, fmt),
        layers=vanishing.gradient_layers(net, x, y, fmt, f"layers-{example.slug}", f"Gradient size per layer, {example.title}"),
        symmetry=symmetry.symmetric_start(example, fmt),
    )


MAIN_EXAMPLE = "seed"  # the running example: its numbers feed the lesson's own pages
# A worked example of a network with more layers of weights than this is two pages, the
# backward pass on the second: the five-layer example on one page weighed 0.62 MB of HTML, more
# than a page may load from disk beside Material's own files (0.8 MB in all).
BACKWARD_PAGE_DEPTH = 3


@dataclass
class Computed:
    """An example with everything its pages show."""

    example: Example
    trace: core.Trace
    fmt: Formatter
    quantities: list
    parameter_rows: list
    setup: dict
    graph: dict
    graph_drawing: str  # the graph's SVG in its idle state ("" where it is too large to draw)
    reading: dict
    printing: dict
    topics: Topics = field(repr=False)
    exercises: list = field(default_factory=list)  # one gradient per layer for the reader to compute

    @property
    def digits(self) -> int:
        return self.example.significant_digits

    @property
    def is_main(self) -> bool:
        return self.example.slug == MAIN_EXAMPLE

    def by_id(self, id: str):
        return next(q for q in self.quantities if q.id == id)

    def q(self, kind=None, phase=None, layer=None) -> list:
        """The worked quantities of one kind, phase or layer, in computation order."""
        return [q for q in self.quantities
                if (kind is None or q.kind == kind) and (phase is None or q.phase == phase)
                and (layer is None or q.layer == layer)]

    @property
    def page(self) -> str:
        """Where the example's worked page lives."""
        return "numerical-example.md" if self.is_main else f"examples/{self.example.slug}.md"

    @property
    def backward_page(self) -> str | None:
        """Where the backward pass of a network deeper than BACKWARD_PAGE_DEPTH layers of
        weights is worked, with every gradient (None where the worked page holds it)."""
        deep = self.example.network.depth > BACKWARD_PAGE_DEPTH
        return f"examples/backward/{self.example.slug}.md" if deep and not self.is_main else None

    # The topics after "Key insights" have a page each for the running example; every other
    # example shows them on three pages of its own beside its worked page, by theme. Three, not
    # one: the five-layer example's topics on one page weighed 0.8 MB of HTML, more than a page
    # may load from disk with Material's own files (0.8 MB in all).

    @property
    def checks_page(self) -> str | None:
        """The nudge test, gradient check, cost and learning step (and, where the example has
        them, equal hidden neurons and a mini-batch)."""
        return None if self.is_main else f"examples/checks/{self.example.slug}.md"

    @property
    def paths_page(self) -> str | None:
        """The paths to the loss, the gradient in every layer and the three notations."""
        return None if self.is_main else f"examples/paths/{self.example.slug}.md"

    @property
    def rounding_page(self) -> str | None:
        """The computation rounded at every step, and the sums where a value feeds several."""
        return None if self.is_main else f"examples/rounding/{self.example.slug}.md"


def compute(example: Example) -> Computed:
    """Run the example and build every page model from the one trace."""
    fmt = Formatter(example.significant_digits)
    trace = core.run(example.network, example.x, example.y)
    exact = drift.exact_chain(example.network, example.x, example.y)
    quantities = worked.quantities(trace, fmt, exact)
    drawn = graph.graph_data(example, trace, quantities, fmt)
    return Computed(example, trace, fmt, quantities, worked.parameter_rows(trace, fmt), setup(example, fmt),
                    drawn, graph_svg.drawing(drawn) if drawn["drawable"] else "", reading(trace, quantities, fmt),
                    printing(quantities, fmt),
                    topics(example, trace, quantities, exact, fmt), exercises.exercises(trace, quantities))


def deepest(computed: list[Computed]) -> Computed:
    """The example with the most layers (the first by file name among equals): the lesson's
    deeper network."""
    # max() keeps the first of equals.
    return max(sorted(computed, key=lambda c: c.example.slug), key=lambda c: c.example.network.depth)


def lesson_models(computed: list[Computed]) -> dict:
    """What the pages on paths, deep networks and the code show beyond one example: the deepest
    example, the first whose hidden units start equal (None if none does), the counts for
    networks of growing depth, the init scale, and the code."""
    deep = deepest(computed)
    return dict(deep=deep, symmetric=next((c for c in computed if c.topics.symmetry is not None), None),
                depth_family=paths.depth_family(deep.example.network.sizes, deep.fmt, "paths-family"),
                init_scale=symmetry.init_scale(deep.fmt), code=listing.code_page())


def site_models(main: Computed, others: list[Computed] = ()) -> dict:
    """What the site shows once: the cost of the family of networks; the four equations of
    backpropagation with the running example's lines; and the example whose ReLU layer shows
    the max gate (a unit switched on and one switched off), the running example's own where it
    has one, else the first other that does (or None)."""
    mark = (float(main.example.network.parameter_count), "this example")
    relu = next((c for c in [main, *others] if c.topics.gates["relu"] is not None), None)
    return dict(cost_family=checks.cost_family(main.fmt, mark), relu_gate=relu,
                four_equations=four_equations(main.example.network, main.quantities))
