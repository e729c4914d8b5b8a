"""Language packs: a language's words, patterns and number/date vocabulary as data files.

A pack is a directory holding pack.yaml (code, name, direction, tokenizer, model?,
grammar?, normalizer?) and the vocabulary files events.yaml, casualties.yaml,
targets.yaml, actors.yaml, numbers.yaml, dates.yaml, quotes.yaml, places.yaml and
people.yaml (docs/extraction.md lists their keys). Packs are found through one door,
`register_language`, fed by the built-in packs under harmwatch/data/lang, the
`harmwatch.languages` entry-point group and $HARMWATCH_LANGUAGE_PACKS.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path

import yaml

from harmwatch.data import data_path, read_yaml
from harmwatch.errors import UsageError

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "harmwatch.languages"
ENVIRONMENT = "HARMWATCH_LANGUAGE_PACKS"
_REQUIRED = ("code", "name", "direction", "tokenizer")


@dataclass(frozen=True)
class Pack:
    """One language's pack directory, plus the user's extras for one run."""

    code: str
    name: str
    direction: str
    tokenizer: str
    directory: Path
    source: str = "built-in"
    models: tuple[str, ...] = ()  # spaCy packages tried in order
    grammar: str | None = None
    normalizer: str | None = None
    actor_files: tuple[str, ...] = field(default=())

    @classmethod
    def load(cls, directory: Path | str, source: str = "built-in") -> Pack:
        directory = Path(directory)
        meta = _read_yaml(directory / "pack.yaml")
        missing = [key for key in _REQUIRED if not meta.get(key)]
        if missing:
            raise UsageError(f"language pack {directory}: pack.yaml lacks {', '.join(missing)}")
        if meta["direction"] not in ("ltr", "rtl"):
            raise UsageError(f"language pack {directory}: direction must be ltr or rtl, "
                             f"not {meta['direction']!r}")
        return cls(code=str(meta["code"]), name=str(meta["name"]),
                   direction=meta["direction"], tokenizer=str(meta["tokenizer"]),
                   directory=directory, source=source, models=_names(meta.get("model")),
                   grammar=meta.get("grammar"), normalizer=meta.get("normalizer"))

    def data(self, name: str) -> dict:
        """The vocabulary file `name` (e.g. "dates"); {} where the pack has none."""
        path = self.directory / f"{name}.yaml"
        return _read_yaml(path) if path.exists() else {}

    def with_actors(self, actor_files: tuple[str, ...]) -> Pack:
        return replace(self, actor_files=tuple(str(f) for f in actor_files))


def _names(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


@cache
def _read_yaml_cached(path: str, mtime: float) -> dict:
    data = read_yaml(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a YAML mapping")
    return data


def _read_yaml(path: Path) -> dict:
    try:
        return _read_yaml_cached(str(path), path.stat().st_mtime)
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"language pack file {path}: cannot read it ({exc})") from exc


_registered: dict[str, tuple[Path, str]] = {}
_plugins_read: list[bool] = []


def register_language(code: str, directory: Path | str, source: str = "built-in") -> None:
    """Make the pack in `directory` the one used for language `code` (later wins)."""
    _registered[code] = (Path(directory), source)


def _register_built_ins() -> None:
    for pack_file in sorted(Path(data_path("lang")).glob("*/pack.yaml")):
        _registered.setdefault(pack_file.parent.name, (pack_file.parent, "built-in"))


def _register_entry_points() -> None:
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = point.load()
            directory = target() if callable(target) else target
        except Exception as exc:  # a broken plugin must not stop extraction
            log.warning("language pack plugin %s (%s) failed to load: %s",
                        point.name, point.value, exc)
            continue
        register_language(point.name, directory, source=f"entry point {point.value}")


def _register_environment() -> None:
    for entry in filter(None, os.environ.get(ENVIRONMENT, "").split(os.pathsep)):
        path = Path(entry)
        candidates = [path] if (path / "pack.yaml").exists() else sorted(
            p.parent for p in path.glob("*/pack.yaml"))
        for directory in candidates:
            code = _read_yaml(directory / "pack.yaml").get("code")
            if code:
                register_language(str(code), directory, source=f"${ENVIRONMENT}")


def installed_packs() -> dict[str, Pack]:
    """Every installed pack by code: built-in, then entry points, then $HARMWATCH_LANGUAGE_PACKS."""
    if not _plugins_read:
        _register_built_ins()
        _register_entry_points()
        _plugins_read.append(True)
    _register_environment()
    return {code: Pack.load(directory, source)
            for code, (directory, source) in sorted(_registered.items())
            if (directory / "pack.yaml").exists()}  # a removed directory is no pack


def find_pack(code: str) -> Pack | None:
    """The installed pack for a language code, None where there is none."""
    return installed_packs().get(code)


def pack_from_directory(directory: Path | str) -> Pack:
    """A user's own pack directory (--language-pack DIR), registered under its code."""
    directory = Path(directory)
    if not (directory / "pack.yaml").is_file():
        raise UsageError(f"--language-pack {directory}: no pack.yaml there (see "
                         "docs/extraction.md, 'Language packs')")
    pack = Pack.load(directory, source=str(directory))
    register_language(pack.code, directory, source=str(directory))
    return pack


def english() -> Pack:
    """The built-in English pack (the default vocabulary of the rule components)."""
    return Pack.load(data_path("lang/en"))


def fill(template: str, **parts: str) -> str:
    """A pack pattern with its {placeholders} replaced (regex braces left alone)."""
    for name, value in parts.items():
        template = template.replace("{" + name + "}", value)
    return template
