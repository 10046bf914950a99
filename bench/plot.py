"""bench/plot.svg from the benchmark rows: a small hand-written SVG, no plotting library.

Four panels side by side, old search (Lunr) against new (sharded), by number
of interviews: build time (prepare cold + mkdocs build), the index on disk,
what a cold first query downloads for search, and how long it waits for
results. The last point of each line is the projection to 10,000 (run.py).
Both axes are logarithmic: sizes grow 10x per step, and on a linear y axis
the small corpora would sit on the x axis; on log-log a straight line of
slope 1 is linear growth. Every point carries its value, so the plot reads
without the table.
"""
from __future__ import annotations

import math
from html import escape
from pathlib import Path

PANEL_WIDTH, HEIGHT = 460, 380
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 56, 62  # margins inside a panel
FONT = "font-family='DejaVu Sans, Arial, sans-serif'"
COLOURS = ("#3b5bdb", "#e8590c", "#2b8a3e")


def log_ticks(low: float, high: float) -> list[float]:
    """1, 2, 5 times powers of ten, from the largest at or below `low` to the
    smallest at or above `high`."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    ticks = [m * 10 ** d for d in range(first, last + 1) for m in (1, 2, 5)]
    start = max(i for i, t in enumerate(ticks) if t <= low)
    end = min(i for i, t in enumerate(ticks) if t >= high)
    return ticks[start:end + 1]


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}".rstrip("0").rstrip(".") if value else "0"


def _text(x, y, text, size=12, anchor="middle", extra="") -> str:
    return f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size}' text-anchor='{anchor}' {FONT} {extra}>{escape(text)}</text>"


class Panel:
    """One chart: maps data to this panel's pixels and draws axes and series."""

    def __init__(self, x_offset: float, sizes: list[int], values: list[float]):
        self.x0, self.x1 = x_offset + LEFT, x_offset + PANEL_WIDTH - RIGHT
        self.y0, self.y1 = HEIGHT - BOTTOM, TOP  # y0 is the bottom
        # pad the x domain so the first and last points are not on the frame
        self.lo, self.hi = math.log10(min(sizes) / 1.6), math.log10(max(sizes) * 1.6)
        self.ticks = log_ticks(min(values) / 2, max(values) * 2)  # room for the value labels
        self.bottom, self.top = math.log10(self.ticks[0]), math.log10(self.ticks[-1])

    def x(self, size: float) -> float:
        return self.x0 + (math.log10(size) - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)

    def y(self, value: float) -> float:
        return self.y0 - (math.log10(value) - self.bottom) / (self.top - self.bottom) * (self.y0 - self.y1)

    def axes(self, title: str, y_label: str, sizes: list[int]) -> list[str]:
        out = [_text((self.x0 + self.x1) / 2, 24, title, 15, extra="font-weight='bold'")]
        for tick in self.ticks:
            y = self.y(tick)
            out.append(f"<line x1='{self.x0}' y1='{y:.1f}' x2='{self.x1}' y2='{y:.1f}' stroke='#e9ecef'/>")
            out.append(_text(self.x0 - 6, y + 4, f"{tick:g}", 11, "end"))
        for size in sizes:
            x = self.x(size)
            out.append(f"<line x1='{x:.1f}' y1='{self.y0}' x2='{x:.1f}' y2='{self.y0 + 5}' stroke='#495057'/>")
            out.append(_text(x, self.y0 + 19, str(size), 11))
        out.append(f"<rect x='{self.x0}' y='{self.y1}' width='{self.x1 - self.x0}' height='{self.y0 - self.y1}' "
                   "fill='none' stroke='#495057'/>")
        out.append(_text((self.x0 + self.x1) / 2, HEIGHT - 18, "interviews", 12))
        mid = (self.y0 + self.y1) / 2
        out.append(_text(self.x0 - 48, mid, y_label, 12, extra=f"transform='rotate(-90 {self.x0 - 48} {mid})'"))
        return out

    def series(self, name: str, colour: str, sizes: list[int], values: list[float], label_dy: float,
               legend_row: int) -> list[str]:
        points = " ".join(f"{self.x(s):.1f},{self.y(v):.1f}" for s, v in zip(sizes, values))
        out = [f"<polyline points='{points}' fill='none' stroke='{colour}' stroke-width='2'/>"]
        for s, v in zip(sizes, values):
            out.append(f"<circle cx='{self.x(s):.1f}' cy='{self.y(v):.1f}' r='3.5' fill='{colour}'/>")
            out.append(_text(self.x(s), self.y(v) + label_dy, _number(v), 11, extra=f"fill='{colour}'"))
        legend_y = self.y1 + 16 + 16 * legend_row
        out.append(f"<line x1='{self.x0 + 10}' y1='{legend_y - 4}' x2='{self.x0 + 30}' y2='{legend_y - 4}' "
                   f"stroke='{colour}' stroke-width='2'/>")
        out.append(_text(self.x0 + 36, legend_y, name, 11, "start"))
        return out


def panel(x_offset: float, title: str, y_label: str, sizes: list[int], named_values: list) -> list[str]:
    """named_values: [(name, values)], drawn in COLOURS order; the first series'
    labels sit above its points, the others' below, so they do not collide."""
    chart = Panel(x_offset, sizes, [v for _, values in named_values for v in values])
    out = chart.axes(title, y_label, sizes)
    for row, ((name, values), colour) in enumerate(zip(named_values, COLOURS)):
        out += chart.series(name, colour, sizes, values, -9 if row == 0 else 17, row)
    return out


FIGURES = (
    ("Build time", "seconds", lambda r: r["prepare_cold"]["seconds"] + r["mkdocs_build"]["seconds"],
     "build s (cold + mkdocs)"),
    ("Search index on disk", "MB", lambda r: r["index_mb"], "index MB on disk"),
    ("Cold first query: search download", "kB", lambda r: r["timing"]["first_bytes_median"] / 1000, "1st query kB"),
    ("Cold first query: wait for results", "ms", lambda r: r["timing"]["first_ms_median"], "1st query ms"),
)


def write_plot(rows: list[dict], path: Path, projected: list[dict] = (), target: int = 10_000) -> None:
    engines = list(dict.fromkeys(r["engine"] for r in rows))
    panels = []
    for number, (title, unit, figure, name) in enumerate(FIGURES):
        series, all_sizes = [], set()
        for engine in engines:
            points = [(r["interviews"], figure(r)) for r in rows if r["engine"] == engine]
            ahead = [p[f"at_{target}"] for p in projected if p["engine"] == engine and p["figure"] == name]
            if ahead and ahead[0] > 0:
                points.append((target, ahead[0]))
            series.append((engine, points))
            all_sizes.update(size for size, _ in points)
        sizes = sorted(all_sizes)
        chart = Panel(number * PANEL_WIDTH, sizes, [v for _, points in series for _, v in points if v > 0])
        panels += chart.axes(title, f"{unit} (log scale)", sizes)
        for row, ((engine, points), colour) in enumerate(zip(series, COLOURS)):
            points = [(s_, v) for s_, v in points if v > 0]
            panels += chart.series(engine, colour, [s_ for s_, _ in points], [v for _, v in points],
                                   -9 if row == 0 else 17, row)
    width = len(FIGURES) * PANEL_WIDTH
    note = _text(width / 2, HEIGHT - 2, f"both axes logarithmic; the last point is the projection to {target:,}",
                 10, extra="fill='#868e96'")
    svg = [(f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{HEIGHT}' "
            f"viewBox='0 0 {width} {HEIGHT}'>"),
           f"<rect width='{width}' height='{HEIGHT}' fill='white'/>", *panels, note, "</svg>"]
    path.write_text("\n".join(svg) + "\n", encoding="utf-8")
