"""The on-disk index: rebuilt when its sources change, re-keyed when the rules change."""

import dataclasses
from concurrent.futures import ThreadPoolExecutor

from harmwatch.geo import Geoparser, lifecycle
from harmwatch.geo.index import GazetteerDB, key_hash
from harmwatch.geo.names import NameRules
from harmwatch.geo.records import PlaceRecord

RULES = NameRules.load()


def tiny_places():
    yield PlaceRecord(source="geonames", source_id="1", name="Tall Abyaḑ", lat=36.7, lon=38.95,
                      country="SY", names=["Tall Abyaḑ", "Tel Abyad", "تل أبيض"])


def test_embedded_index_is_rebuilt_when_the_source_version_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(lifecycle, "embedded_places", tiny_places)
    monkeypatch.setattr(lifecycle, "source_version", lambda: "v1")
    first = Geoparser.load(tmp_path)
    assert first.geocode("Tal Abiad")[0].source_id == "1"
    monkeypatch.setattr(lifecycle, "source_version", lambda: "v2")
    second = Geoparser.load(tmp_path)
    files = sorted(p.name for p in (tmp_path / "gazetteer").iterdir())
    assert all("v2" in name for name in files), files
    assert second.embedded.path != first.embedded.path
    assert second.embedded.contains([key_hash(RULES.key("Tel Abyad"))]).all()


def test_user_database_is_rekeyed_when_rules_change(tmp_path):
    path = tmp_path / "user.sqlite"
    db = GazetteerDB.open(path, RULES, create=True)
    db.add(tiny_places())
    db.close()
    stricter = dataclasses.replace(RULES, latin_words={}, version="other")
    reopened = GazetteerDB.open(path, stricter)
    assert reopened.meta("rules") == "other"
    assert stricter.key("Tel Abyad") != RULES.key("Tel Abyad")
    # Every name was kept, so "Tel Abyad" is still found under the new rules.
    assert stricter.key("Tel Abyad") in reopened.by_keys([stricter.key("Tel Abyad")])


def test_geoparser_gives_the_same_answers_from_many_threads(geoparser):
    text = "Strikes hit Albu Kamal and the countryside of Raqqa; Tal Abiad was shelled."
    expected = geoparser.find_places(text)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: geoparser.find_places(text), range(64)))
    assert all(result == expected for result in results)
