"""Language packs: a made-up language from a directory, routing, rebuilding from config."""

import json
import logging
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from harmwatch.errors import UsageError
from harmwatch.extract import Extractor, find_pack, installed_packs, pack_from_directory
from harmwatch.model import Document

TOY = {
    "pack.yaml": "code: tq\nname: Toyish\ndirection: ltr\ntokenizer: xx\n",
    "events.yaml": "triggers:\n  - {words: 'bomzis', method: air_strike}\n",
    "casualties.yaml": "groups:\n  civilians: ['civiloj']\nkilled: ['mortigis']\n"
                       "injured: ['vundis']\ncount_link: '\\s+'\n",
    "numbers.yaml": "units: {unu: 1, du: 2, tri: 3}\n",
    "targets.yaml": "targets:\n  - {type: market, civilian: true, words: ['bazaro']}\n",
    "actors.yaml": "aliases:\n  coalition: [koalicio]\n",
}
SENTENCE = "La koalicio bomzis la bazaro kaj mortigis tri civiloj."


@pytest.fixture
def toy_pack(tmp_path: Path) -> Path:
    directory = tmp_path / "toyish"
    directory.mkdir()
    for name, text in TOY.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_a_toy_pack_from_a_directory_extracts_an_event(toy_pack):
    extractor = Extractor.load(language_packs=[toy_pack])
    result = extractor.extract(Document(text=SENTENCE, language="tq"))
    event, = result.events
    assert event.method == "air_strike" and event.actor1.id == "coalition"
    assert event.targets[0].type == "market" and event.civilian_targeting
    assert event.killed.civilians.min == 3 and event.killed.civilians.max == 3
    assert event.actor1.span.slice(SENTENCE) == "koalicio"


def test_packs_are_listed_with_their_source(toy_pack, monkeypatch, cli):
    monkeypatch.setenv("HARMWATCH_LANGUAGE_PACKS", str(toy_pack.parent))
    assert installed_packs()["en"].source == "built-in"
    assert installed_packs()["tq"].name == "Toyish"
    listed = json.loads(cli("languages", "--json").stdout)
    assert {"code": "tq", "source": "$HARMWATCH_LANGUAGE_PACKS"}.items() <= next(
        p for p in listed if p["code"] == "tq").items()


def test_a_pack_directory_without_pack_yaml_is_refused(tmp_path):
    with pytest.raises(UsageError, match=r"no pack\.yaml"):
        pack_from_directory(tmp_path)


def test_a_language_without_a_pack_extracts_nothing_and_says_so(caplog):
    text = "Russian warplanes struck a market in Idlib, killing 12 civilians."
    with caplog.at_level(logging.WARNING, logger="harmwatch"):
        result = Extractor.load().extract(Document(text=text, language="zz"))
    assert result.events == [] and result.actors == []
    assert "'zz'" in caplog.text


def test_the_language_comes_from_the_document_else_its_script():
    extractor = Extractor.load()
    assert extractor.language_of(Document(text="Shelling hit Douma.", language="en-GB")) == "en"
    assert extractor.language_of(Document(text="قصف مدفعي على دوما")) == "ar"
    mixed = "قصف مدفعي على مدينة دوما اليوم Shelling hit Douma"
    assert extractor.language_of(Document(text=mixed, language="mixed")) == "ar"
    forced = Extractor.load(language="en")
    assert forced.language_of(Document(text="قصف", language="ar")) == "en"
    assert find_pack("en").direction == "ltr"


def test_the_pipeline_is_rebuilt_from_its_config_in_another_process():
    text = "Coalition aircraft bombed Aisha hospital in Albu Kamal and killed three civilians."
    document = Document(text=text, published=date(2015, 9, 1))
    extractor = Extractor.load()
    here = extractor.extract(document).model_dump(mode="json")
    pipeline = extractor.pipeline("en")
    finder = pipeline.nlp.config["components"]["harmwatch_places"]["finder"]
    assert finder == {"@misc": "harmwatch.unresolved_places.v1"}
    code = ("import json, sys\n"
            "from harmwatch.extract import Extractor\n"
            "from harmwatch.model import Document\n"
            "config = json.loads(sys.argv[1])\n"
            "document = Document.model_validate_json(sys.argv[2])\n"
            "print(Extractor.from_config(config).extract(document).model_dump_json())\n")
    source = str(Path(__file__).parents[2] / "src")
    run = subprocess.run([sys.executable, "-c", code, json.dumps(extractor.config.to_dict()),
                          document.model_dump_json()], capture_output=True, text=True,
                         env={"PYTHONPATH": source, "PATH": "/usr/bin:/bin"}, check=True)
    assert json.loads(run.stdout) == here and here["events"]


def test_a_pack_installed_through_the_entry_point_group(toy_pack, tmp_path, monkeypatch):
    from harmwatch.extract import packs

    plugin = tmp_path / "plugin"
    info = plugin / "toyplugin-0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: toyplugin\nVersion: 0.0\n")
    (info / "entry_points.txt").write_text("[harmwatch.languages]\ntq = toyplugin:PACK\n")
    (plugin / "toyplugin.py").write_text(f"PACK = {str(toy_pack)!r}\n")
    monkeypatch.syspath_prepend(str(plugin))
    monkeypatch.setattr(packs, "_plugins_read", [])
    monkeypatch.setattr(packs, "_registered", {})
    assert installed_packs()["tq"].source == "entry point toyplugin:PACK"
    result = Extractor.load().extract(Document(text=SENTENCE, language="tq"))
    assert [e.method for e in result.events] == ["air_strike"]


def test_extract_takes_a_pack_directory_and_a_language(toy_pack, tmp_path, cli):
    report = tmp_path / "report.txt"
    report.write_text(SENTENCE, encoding="utf-8")
    result = cli("extract", report, "--language-pack", toy_pack, "--language", "tq")
    assert result.exit_code == 0, result.output
    assert [e["method"] for e in json.loads(result.stdout)["events"]] == ["air_strike"]
    refused = cli("extract", report, "--language", "zz")
    assert refused.exit_code == 2 and "no language pack" in refused.output


def test_each_component_declares_what_it_assigns_and_requires():
    nlp = Extractor.load().pipeline("en").nlp
    assigned = {"doc._.hw_document", "doc.ents"}  # the input, and the model's NER
    for name in (n for n in nlp.pipe_names if n.startswith("harmwatch_")):
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns and set(meta.requires) <= assigned, name
        assigned |= set(meta.assigns)
    assert "doc._.hw_events" in assigned
