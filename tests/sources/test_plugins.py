"""A source added through the `harmwatch.sources` entry-point group works like a built-in."""

from __future__ import annotations

import sys
import textwrap

import pytest

from harmwatch.sources import registry
from harmwatch.store import DocumentRepository, open_database

PLUGIN = '''
from harmwatch.model import Document


class ShoutSource:
    """A toy format: one report per line, written in capitals."""

    name = "shout"
    media_types = ("text/x-shout",)
    suffixes = (".shout",)
    batch = True

    def read(self, data, source, options):
        for number, line in enumerate(data.decode().splitlines(), start=1):
            yield Document(text=line.capitalize(), source=f"{source}#{number}")
'''


@pytest.fixture
def shout_plugin(tmp_path, monkeypatch):
    """An installed distribution publishing the plugin (a dist-info directory on sys.path)."""
    (tmp_path / "shoutplugin.py").write_text(PLUGIN)
    dist = tmp_path / "shoutplugin-0.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shoutplugin\nVersion: 0.0\n")
    (dist / "entry_points.txt").write_text(textwrap.dedent("""\
        [harmwatch.sources]
        shout = shoutplugin:ShoutSource
        """))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_registry", dict(registry._registry))
    monkeypatch.setattr(registry, "_plugins_loaded", False)
    yield
    sys.modules.pop("shoutplugin", None)


def test_a_plugin_source_is_used_by_name_and_by_suffix(shout_plugin, tmp_path, cli):
    named = tmp_path / "reports.txt"
    named.write_text("SHELLING HIT DOUMA.\nA STRIKE HIT AZAZ.\n")
    by_suffix = tmp_path / "more.shout"
    by_suffix.write_text("JETS BOMBED SARAQIB.\n")
    db = f"sqlite:///{tmp_path / 'h.db'}"
    assert cli("ingest", named, "--as", "shout", "--db", db, "--no-extract").exit_code == 0
    assert cli("ingest", by_suffix, "--db", db, "--no-extract").exit_code == 0
    texts = sorted(d.text for d in DocumentRepository(open_database(db)).all())
    assert texts == ["A strike hit azaz.", "Jets bombed saraqib.", "Shelling hit douma."]


def test_built_ins_register_through_the_same_door(shout_plugin):
    assert {"text", "html", "feed", "jsonl", "csv", "shout"} <= set(registry.sources())


def test_an_unknown_source_name_lists_the_available_ones(tmp_path, cli):
    path = tmp_path / "r.txt"
    path.write_text("Shelling hit Douma.")
    result = cli("ingest", path, "--as", "docx", "--no-extract", "--db", tmp_path / "h.db")
    assert result.exit_code == 2 and "jsonl" in result.stderr
