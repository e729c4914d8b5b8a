"""Arabic extraction: the grammar module of the Arabic language pack (data/lang/ar).

Public surface: `build_pipeline(pack, place_finder)` returns a callable turning a
`Document` into an `ExtractionResult`; `pack` is a pack directory or an object with a
`path`/`directory` attribute (None: the built-in pack).
"""

from __future__ import annotations

from harmwatch.extract.arabic.extractor import ArabicExtractor
from harmwatch.extract.arabic.pack import PackFiles, pack_directory


def build_pipeline(pack=None, place_finder=None) -> ArabicExtractor:
    return ArabicExtractor(PackFiles(pack_directory(pack)), place_finder)


__all__ = ["ArabicExtractor", "build_pipeline"]
