"""The timeline's SVG geometry: one stacked bar per period, each segment a link to the
incident list of that period (and grade or attacker), with the current filters kept."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from harmwatch.analysis import Bars
from harmwatch.exports import Labels

HEIGHT = 220
AXIS = 22


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    href: str
    title: str


def _css(bars: Bars, key: str) -> str:
    if bars.stack == "grade":
        return f"seg-{key.lower()}"
    return f"seg-a{bars.keys.index(key)}"


def _name(bars: Bars, key: str, labels: Labels) -> str:
    if bars.stack == "grade" or key == "other":
        return key if bars.stack == "grade" else "other attackers"
    return labels.actor(key)


def _label(bars: Bars, bar) -> str:
    return {"year": f"{bar.start:%Y}", "month": f"{bar.start:%b %Y}"}.get(
        bars.by, f"week of {bar.start:%d %b %Y}")


def chart(bars: Bars, query: dict[str, str]) -> dict:
    """Rectangles, axis ticks and the legend of the chart, in pixels."""
    labels = Labels.load()
    width = 16 if len(bars.bars) <= 60 else 8 if len(bars.bars) <= 160 else 4
    scale = (HEIGHT - AXIS - 8) / (bars.peak or 1)
    rects, ticks = [], []
    for n, bar in enumerate(bars.bars):
        x, top = n * width, HEIGHT - AXIS
        for segment in bar.segments:
            height = segment.value * scale
            top -= height
            link = {**query, "date_from": bar.start.isoformat(),
                    "date_to": bar.end.isoformat()}
            if segment.key != "other":
                link[bars.stack] = segment.key
            count = f"{segment.value:.1f}".removesuffix(".0")
            rects.append(Rect(x + 1, top, width - 2, height,
                              _css(bars, segment.key) + (" imprecise" if segment.imprecise
                                                         else ""),
                              "/incidents?" + urlencode(link),
                              f"{_label(bars, bar)} · {_name(bars, segment.key, labels)}: "
                              f"{count} incident(s)"
                              + (" dated only to a month or year, spread over it"
                                 if segment.imprecise else "")))
        if (bar.start.month == 1 and (bars.by != "week" or bar.start.day <= 7)) or n == 0:
            ticks.append({"x": x, "text": f"{bar.start:%Y}"})
    legend = [{"css": _css(bars, key), "name": _name(bars, key, labels)} for key in bars.keys]
    return {"rects": rects, "ticks": ticks, "legend": legend, "width": max(width *
            len(bars.bars), 200), "height": HEIGHT, "axis_y": HEIGHT - AXIS,
            "peak": round(bars.peak, 1)}
