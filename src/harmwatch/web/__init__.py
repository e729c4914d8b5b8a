"""The web app and JSON API: review incidents on a map, see the evidence, correct it."""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "app": ["Settings", "create_app"],
})
