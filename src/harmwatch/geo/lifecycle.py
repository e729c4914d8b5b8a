"""The embedded index's life: where it is cached, built once on first use, rebuilt when its
sources or the name rules change."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

from harmwatch.geo.embedded import embedded_places, source_version
from harmwatch.geo.index import GazetteerDB
from harmwatch.geo.names import NameRules

log = logging.getLogger(__name__)

# Bump when the index layout or the way it is built changes.
INDEX_FORMAT = "5"
USER_DB_NAME = "user-places.sqlite"


def cache_dir_default() -> Path:
    return Path(os.environ.get("HARMWATCH_CACHE") or platformdirs.user_cache_dir("harmwatch"))



def open_embedded(cache_dir: Path, rules: NameRules) -> GazetteerDB:
    """The embedded index for the current sources, built now if missing."""
    version = f"{source_version()}-{rules.version}-{INDEX_FORMAT}"
    folder = cache_dir / "gazetteer"
    path = folder / f"embedded-{version}.sqlite"
    if not path.exists():
        build_embedded(path, rules)
        for old in folder.glob("embedded-*"):
            if not old.name.startswith(path.stem):
                old.unlink(missing_ok=True)
    return GazetteerDB.open(path, rules)


def build_embedded(path: Path, rules: NameRules) -> None:
    """Build into a temporary file and move it in place, so a reader never sees half."""
    log.info("building the embedded gazetteer index in %s (once)", path.parent)
    partial = path.with_name(path.stem + f".{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    db = GazetteerDB.open(partial, rules, create=True)
    db.connection.execute("PRAGMA journal_mode = OFF")
    db.connection.execute("PRAGMA synchronous = OFF")
    db.add(embedded_places())
    db.close()
    os.replace(db.hash_path, path.with_suffix(".keys.npy"))
    os.replace(partial, path)
