"""Sources: every kind of input becomes Documents (or failures that say why)."""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "dates": ["check_published"],
    "options": ["SourceOptions"],
    "reader": ["KINDS", "Item", "read_source", "read_sources"],
})
