"""Where harmwatch keeps what it builds once and reads on later runs: the gazetteer index
and the compiled patterns (`$HARMWATCH_CACHE`, else the user's cache directory)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def cache_dir_default() -> Path:
    return Path(os.environ.get("HARMWATCH_CACHE") or platformdirs.user_cache_dir("harmwatch"))
