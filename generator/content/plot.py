"""Line charts as inline SVG, written by hand: no plotting library, no I/O.

A chart is a string of SVG that sits directly in a Markdown page (inside a <figure>, which
Markdown leaves alone as a block of HTML). It draws with `currentColor` and CSS classes
(styled in plots.css from the theme's variables), so it follows the light and the dark
palette. It names itself for screen readers with <title> and <desc> (aria-labelledby); the
page gives the plotted numbers as a table as well.

Tick labels arrive already formatted (the caller uses `numbers`), so this module only places
text and never formats a value.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

# The drawing area in SVG user units; the figure scales to the page width.
WIDTH, HEIGHT = 640, 400
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 84, 24, 20, 56
FONT_SIZE = 13
TICK_LENGTH = 5
MARKER_RADIUS = 3.5
LEGEND_ROW = 20


@dataclass
class Tick:
    value: float
    label: str
    superscript: str = ""  # for powers of ten: label "10", superscript "6"


@dataclass
class Axis:
    label: str
    low: float
    high: float
    ticks: list[Tick]
    log: bool = False

    def fraction(self, v: float) -> float:
        """Where v sits between low (0) and high (1)."""
        if self.log:
            return (math.log10(v) - math.log10(self.low)) / (math.log10(self.high) - math.log10(self.low))
        return (v - self.low) / (self.high - self.low)


@dataclass
class Series:
    label: str
    points: list[tuple[float, float]]
    css_class: str  # "bp-series-a" (solid, circles), "bp-series-b" (dashed, squares), "bp-series-c" (dotted)
    marker: str | None = "circle"  # "circle", "square", "triangle" or None
    note: str = ""  # written next to the last point, e.g. a fitted slope


@dataclass
class Chart:
    id: str  # unique in the page: prefixes the ids of <title> and <desc>
    title: str
    description: str
    x: Axis
    y: Axis
    series: list[Series] = field(default_factory=list)
    # Vertical marks (x value, label), such as the running example's size.
    marks: list[tuple[float, str]] = field(default_factory=list)


def _px(chart: Chart, x: float, y: float) -> tuple[float, float]:
    w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    return MARGIN_LEFT + chart.x.fraction(x) * w, MARGIN_TOP + (1 - chart.y.fraction(y)) * h


def _f(v: float) -> str:
    # Coordinates to a tenth of a unit: small files, and the same text on every build.
    return f"{v:.1f}"


def _label(tick: Tick) -> str:
    text = escape(tick.label)
    if tick.superscript:
        text += f'<tspan class="bp-sup" dy="-0.5em">{escape(tick.superscript)}</tspan>'
    return text


def svg(chart: Chart) -> str:
    """The chart as one line-free block of SVG (no blank line may end the HTML block)."""
    title_id, desc_id = f"{chart.id}-title", f"{chart.id}-desc"
    out = [
        f'<svg class="bp-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-size="{FONT_SIZE}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
    ]
    out += _axes(chart)
    out += _marks(chart)
    out += [_series(chart, s) for s in chart.series]
    out += _legend(chart)
    out.append("</svg>")
    return "".join(out)


def _axes(chart: Chart) -> list[str]:
    """Grid lines, tick labels, the frame and the axis titles."""
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    out, grid, labels = [], [], []
    for t in chart.x.ticks:
        x, _ = _px(chart, t.value, chart.y.low)
        grid.append(f'<line x1="{_f(x)}" y1="{top}" x2="{_f(x)}" y2="{bottom + TICK_LENGTH}"/>')
        labels.append(f'<text x="{_f(x)}" y="{bottom + TICK_LENGTH + FONT_SIZE + 4}" text-anchor="middle">{_label(t)}</text>')
    for t in chart.y.ticks:
        _, y = _px(chart, chart.x.low, t.value)
        grid.append(f'<line x1="{left - TICK_LENGTH}" y1="{_f(y)}" x2="{right}" y2="{_f(y)}"/>')
        labels.append(f'<text x="{left - TICK_LENGTH - 4}" y="{_f(y + FONT_SIZE / 3)}" text-anchor="end">{_label(t)}</text>')
    out.append('<g class="bp-grid" stroke="currentColor" aria-hidden="true">' + "".join(grid) + "</g>")
    out.append('<g class="bp-ticks" fill="currentColor" aria-hidden="true">' + "".join(labels) + "</g>")
    out.append(f'<rect class="bp-frame" x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" '
               f'fill="none" stroke="currentColor" aria-hidden="true"/>')
    # Axis titles.
    out.append(f'<text class="bp-axis-title" x="{_f((left + right) / 2)}" y="{HEIGHT - 8}" text-anchor="middle" '
               f'fill="currentColor">{escape(chart.x.label)}</text>')
    out.append(f'<text class="bp-axis-title" transform="translate(16 {_f((top + bottom) / 2)}) rotate(-90)" '
               f'text-anchor="middle" fill="currentColor">{escape(chart.y.label)}</text>')
    return out


def _marks(chart: Chart) -> list[str]:
    """Vertical marks. Their labels sit below the legend, clear of the data, which starts at the
    bottom left."""
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    out = []
    legend_rows = len(chart.series) if len(chart.series) > 1 else 0
    for value, label in chart.marks:
        x, _ = _px(chart, value, chart.y.low)
        y = top + LEGEND_ROW * (legend_rows + 1) + FONT_SIZE
        out.append(f'<g class="bp-mark" aria-hidden="true"><line x1="{_f(x)}" y1="{top}" x2="{_f(x)}" y2="{bottom}" '
                   f'stroke="currentColor"/><text x="{_f(x + 4)}" y="{_f(y)}" fill="currentColor">{escape(label)}</text></g>')
    return out


def _marker(kind: str, x: float, y: float) -> str:
    r = MARKER_RADIUS
    if kind == "square":
        return f'<rect x="{_f(x - r)}" y="{_f(y - r)}" width="{_f(2 * r)}" height="{_f(2 * r)}"/>'
    if kind == "triangle":
        # Pointing up, about as large as the square.
        h = 1.2 * r
        return f'<polygon points="{_f(x)},{_f(y - h)} {_f(x + h)},{_f(y + h)} {_f(x - h)},{_f(y + h)}"/>'
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{MARKER_RADIUS}"/>'


def _series(chart: Chart, s: Series) -> str:
    """A polyline, its markers and its note."""
    pts = [_px(chart, x, y) for x, y in s.points]
    path = " ".join(f"{_f(x)},{_f(y)}" for x, y in pts)
    parts = [f'<polyline points="{path}" fill="none"/>']
    parts += [_marker(s.marker, x, y) for x, y in (pts if s.marker else [])]
    if s.note:
        x, y = pts[-1]
        parts.append(f'<text class="bp-note" x="{_f(x - 8)}" y="{_f(y - 10)}" text-anchor="end">{escape(s.note)}</text>')
    return f'<g class="bp-series {s.css_class}" aria-hidden="true">' + "".join(parts) + "</g>"


def _legend(chart: Chart) -> list[str]:
    """Top left inside the frame: a short line with each series' marker, then its label. A
    single series is named by the axis title and needs none."""
    top, left, out = MARGIN_TOP, MARGIN_LEFT, []
    for i, s in enumerate(chart.series if len(chart.series) > 1 else []):
        y = top + LEGEND_ROW * (i + 1) - 4
        x = left + 12
        sample = f'<line x1="{x}" y1="{y}" x2="{x + 28}" y2="{y}"/>'
        if s.marker:
            sample += _marker(s.marker, x + 14, y)
        out.append(f'<g class="bp-series bp-legend {s.css_class}" aria-hidden="true">{sample}'
                   f'<text x="{x + 36}" y="{_f(y + FONT_SIZE / 3)}">{escape(s.label)}</text></g>')
    return out


def figure(chart: Chart, caption: str) -> str:
    """The chart in a <figure> with a caption: a block of raw HTML for a Markdown page."""
    return f'<figure class="bp-plot">{svg(chart)}<figcaption>{escape(caption)}</figcaption></figure>'


def powers_of_ten(low_exponent: int, high_exponent: int, superscript, most: int = 8) -> list[Tick]:
    """Ticks at powers of ten from 10^low to 10^high, every one or every few so that there
    are at most about `most`; `superscript(e)` writes the exponent e as text."""
    stride = max(1, math.ceil((high_exponent - low_exponent) / most))
    return [Tick(10.0 ** e, "10", superscript(e)) for e in range(low_exponent, high_exponent + 1, stride)]


def nice_step(span: float, target_ticks: int = 5) -> float:
    """A step of 1, 2 or 5 times a power of ten giving about `target_ticks` ticks over span."""
    raw = span / max(target_ticks, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if multiple * power >= raw:
            return multiple * power
    return 10 * power


def linear_ticks(low: float, high: float, target_ticks: int = 5) -> list[float]:
    """Multiples of a nice step from low to high (both included when they are multiples)."""
    step = nice_step(high - low, target_ticks)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    # round() removes the binary noise of i * step (0.30000000000000004) before it is shown.
    return [round(i * step, 12) for i in range(first, last + 1)]
