"""Sources: every kind of input becomes Documents (or failures that say why).

Kinds of input are a registry (`sources()`, `register`, entry-point group
`harmwatch.sources`); `refusal` says why a document cannot be stored, `too_long` why a
text is past MAX_CHARACTERS, the longest extraction reads.
"""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "checks": ["MAX_CHARACTERS", "refusal", "too_long"],
    "dates": ["check_published", "out_of_range"],
    "estimate": ["count_documents"],
    "options": ["SourceOptions"],
    "reader": ["read_source", "read_sources"],
    "registry": ["ENTRY_POINT_GROUP", "Item", "Source", "register", "sources"],
})
