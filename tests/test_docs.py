"""Docs kept true by tests, in the manner of datasette's: every plugin door is documented
(every CLI command is checked in tests/cli/test_commands.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from harmwatch.exports import registry as exporters
from harmwatch.extract import packs
from harmwatch.sources import registry as sources

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DESIGN = (ROOT / "docs" / "DESIGN.md").read_text(encoding="utf-8")
GROUPS = [exporters.ENTRY_POINT_GROUP, sources.ENTRY_POINT_GROUP, packs.ENTRY_POINT_GROUP]


@pytest.mark.parametrize("group", GROUPS)
def test_every_plugin_group_is_documented(group):
    assert f"`{group}`" in README, f"README.md does not document the plugin group {group}"
    assert group in DESIGN, f"docs/DESIGN.md does not name the plugin group {group}"


def test_every_declared_entry_point_group_is_a_known_door():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = set(config["project"].get("entry-points", {}))
    assert declared <= set(GROUPS)
