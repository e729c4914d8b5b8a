"""Sources: every kind of input becomes Documents (or failures that say why)."""

from harmwatch.sources.options import SourceOptions
from harmwatch.sources.reader import KINDS, Item, read_source, read_sources

__all__ = ["KINDS", "Item", "SourceOptions", "read_source", "read_sources"]
