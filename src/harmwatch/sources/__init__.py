"""Sources: every kind of input becomes Documents (or failures that say why).

Kinds of input are a registry (`sources()`, `register`, entry-point group
`harmwatch.sources`); `refusal` says why a document cannot be stored.
"""

from harmwatch.sources.checks import refusal
from harmwatch.sources.dates import out_of_range
from harmwatch.sources.estimate import count_documents
from harmwatch.sources.options import SourceOptions
from harmwatch.sources.reader import read_source, read_sources
from harmwatch.sources.registry import ENTRY_POINT_GROUP, Item, Source, register, sources

__all__ = ["ENTRY_POINT_GROUP", "Item", "Source", "SourceOptions", "count_documents",
           "out_of_range", "read_source", "read_sources", "refusal", "register", "sources"]
