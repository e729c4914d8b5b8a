"""Domain knowledge as files users can read and extend (actors, targets, ACLED codes, places)."""

from importlib.resources import files
from pathlib import Path
from typing import IO


def data_path(name: str) -> Path:
    """Path of a file shipped in harmwatch/data."""
    return Path(str(files("harmwatch.data") / name))


def read_yaml(source: str | bytes | IO):
    """A YAML document, parsed by libyaml's C parser where PyYAML has it: a pipeline reads
    about twenty data files at start-up, which the pure-Python parser takes a third of a
    second for."""
    import yaml

    return yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
