"""Analysis: trends over time per actor, method and target, and where they shift; the
timeline's bars."""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "bars": ["Bar", "Bars", "Segment", "timeline_bars"],
    "periods": ["PERIODS", "period_of", "span_of", "spread"],
    "report": ["Report", "write_report"],
})
