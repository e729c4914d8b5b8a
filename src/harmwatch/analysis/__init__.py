"""Analysis: trends over time per actor, method and target, and where they shift."""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "report": ["Report", "write_report"],
})
