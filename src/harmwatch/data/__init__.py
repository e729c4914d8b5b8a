"""Domain knowledge as files users can read and extend (actors, targets, ACLED codes, places)."""

from importlib.resources import files
from pathlib import Path


def data_path(name: str) -> Path:
    """Path of a file shipped in harmwatch/data."""
    return Path(str(files("harmwatch.data") / name))
