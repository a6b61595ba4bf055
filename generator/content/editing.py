"""What a page whose numbers a reader may change gives its script, and the fields it shows.

The data (`page_data`) is what the page's scripts need to print every number of the page again
from the reader's values, exactly as the build prints the author's: the example's given numbers
and every formula as data (recompute.page_data), how the graph draws each quantity, where the
page sits, and the settings the pages' numbers come from (the nudge test's step, the length of
the training table, the geometry of the plot and of the graph). The script types no number of
its own: every one of them comes from here.

The fields (`fields`) are one per given value, grouped as the set-up writes them: the inputs,
the targets, each layer's weights and biases neuron by neuron, and the learning rate where the
page uses it. Each field is named by the value's id, as the graph data names it.
"""
from __future__ import annotations

from ..example import MAX_MAGNITUDE, Example
from ..maths import computation, refs
from ..maths import nudge as nudge_measure
from . import graph, graph_svg, learning, nudge, numbers, plot, reading
from .notation import Notation
from .recompute import page_data as recompute_data

# The pages whose numbers a reader may change, by the template that makes them: each example's
# worked page (and a deep network's backward pass, the worked page's second half), the graph,
# and the learning step (which adds the learning rate).
EDITABLE = {"example.md.j2": "worked", "example-backward.md.j2": "worked", "computational-graph.md.j2": "graph",
            "learning-step.md.j2": "learning-step"}


def _graph_settings() -> dict:
    """The graph's geometry and the widths it assumes for its labels (generator/content/graph.py)."""
    names = ["MAX_COLUMN_NODES", "MAX_WEIGHT_LAYERS", "FONT", "MIN_SCALE", "RADIUS", "CHIP_HEIGHT", "CHIP_PADDING",
             "DIAMOND", "LINE", "TAG_LINE", "TAG_PADDING_X", "TAG_PADDING_Y", "TAG_HEIGHT", "GAP", "SLOT_GAP",
             "GROUP_GAP", "FAN_GAP", "LOSS_GAP", "EDGE_LABEL_MARGIN", "MARGIN"]
    out = {name: getattr(graph, name) for name in names}
    out["WIDTHS"] = dict(graph._WIDTHS)
    out["SMALL"] = "".join(sorted(graph._SMALL))
    return out


def _plot_settings() -> dict:
    names = ["WIDTH", "HEIGHT", "MARGIN_LEFT", "MARGIN_RIGHT", "MARGIN_TOP", "MARGIN_BOTTOM", "FONT_SIZE",
             "TICK_LENGTH", "MARKER_RADIUS", "LEGEND_ROW"]
    return {name: getattr(plot, name) for name in names}


def settings() -> dict:
    """The constants the pages' numbers and drawings come from, as the build uses them."""
    return {
        "nudge_step": nudge_measure.STEP, "nudge_close": str(nudge.CLOSE),
        "table_rows": learning.TABLE_ROWS, "plot_points": learning.PLOT_POINTS,
        "log_scale_ratio": learning.LOG_SCALE_RATIO, "derivative_bound": dict(reading.DERIVATIVE_BOUND),
        "plain_low": float(numbers.PLAIN_LOW), "plain_high": int(numbers.PLAIN_HIGH),
        "largest": MAX_MAGNITUDE, "graph": _graph_settings(), "graph_label": graph_svg.LABEL, "plot": _plot_settings(),
    }


def page_data(example: Example, path: str, kind: str) -> dict:
    """Everything the page's script needs, ready for json.dumps. `path` is the page's Markdown
    path (numerical-example.md, examples/<slug>.md), `kind` one of EDITABLE's values."""
    net = example.network
    data = recompute_data(net, example.x, example.y, example.learning_rate, example.significant_digits)
    data["computation"] = [[q.id, q.phase, q.kind, q.layer, [str(r) for r in q.inputs]]
                           for q in computation.quantities(net)]
    data.update(slug=example.slug, title=example.title, steps=example.steps, path=path, page=kind,
                settings=settings())
    return data


def _field(ref: str, label: str, name: str, value: float) -> dict:
    # repr gives the shortest digits that read back as the same number, as the author typed them.
    return dict(ref=ref, label=label, name=name, value=repr(float(value)))


def fields(example: Example, learning_rate: bool) -> list[dict]:
    """The fields in groups: {legend, rows: [{label, fields}]}, each field {ref, label (the
    symbol in text), name (what it is, for a screen reader), value (as typed)}."""
    net = example.network
    n = Notation(net.sizes, net.activations)
    groups = [dict(legend="Inputs x", rows=[dict(label="", fields=[
                  _field(f"x{k}", n.text(refs.x(k)), f"input {k}", v) for k, v in enumerate(example.x, start=1)])]),
              dict(legend="Targets y", rows=[dict(label="", fields=[
                  _field(f"y{j}", n.text(refs.y(j)), f"target {j}", v) for j, v in enumerate(example.y, start=1)])])]
    for l in range(1, net.depth + 1):
        rows = []
        for j in range(1, net.sizes[l] + 1):
            weights = [_field(f"W{l}_{j}_{k}", n.weight(l, j, k)[1], f"weight from {_source(l, k)} to neuron {j} of layer {l}",
                              net.weights[l - 1][j - 1, k - 1]) for k in range(1, net.sizes[l - 1] + 1)]
            bias = _field(f"b{l}_{j}", n.bias(l, j)[1], f"bias of neuron {j} of layer {l}", net.biases[l - 1][j - 1])
            rows.append(dict(label=f"neuron {j}", fields=weights + [bias]))
        groups.append(dict(legend=f"Layer {l}: weights W and biases b", rows=rows))
    if learning_rate:
        groups.append(dict(legend="Learning rate", rows=[dict(label="", fields=[
            _field(str(refs.LEARNING_RATE), n.text(refs.LEARNING_RATE), "learning rate", example.learning_rate)])]))
    return groups


def _source(layer: int, k: int) -> str:
    return f"input {k}" if layer == 1 else f"neuron {k} of layer {layer - 1}"
