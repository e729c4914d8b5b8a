import logging
from datetime import date

import pytest

from harmwatch.extract import Extractor
from harmwatch.model import Document

REPORT = (
    "Strikes in Albu Kamal\n\n"
    "Samer from Albu Kamal said to “Sound and Picture” reporter: “The coalition aircraft "
    "came at night. The bombing of Aisha hospital and a civilian house in Albu Kamal city "
    "killed three civilians, including two children.”\n\n"
    "After the control of YPG over Tal Abiad, the coalition changed its policy and started "
    "targeting Junaid Hussein and Amr Moussa Hamidi.\n\n"
    "On Tuesday a hospital in Idlib was bombed by Russian warplanes. A family of five died.\n"
)


@pytest.fixture(scope="module")
def result():
    extractor = Extractor.load()
    return extractor.extract(Document(id="r1", text=REPORT, published=date(2015, 9, 3)))


def by_target(result, kind):
    return [e for e in result.events if any(t.type == kind for t in e.targets)]


def test_every_span_slices_its_text(result):
    for event in result.events:
        assert event.evidence.span.slice(REPORT) == event.evidence.text
        for target in event.targets:
            assert target.span.slice(REPORT) == target.text
    for mention in [*result.places, *result.actors, *result.dates, *result.quotes]:
        assert mention.span.slice(REPORT) == mention.text
    assert len({e.id for e in result.events}) == len(result.events)
    assert all(e.id.startswith("r1:e") for e in result.events)


def test_hospital_and_house_are_separate_civilian_strikes_inside_the_quote(result):
    hospital = next(e for e in by_target(result, "hospital") if "Aisha" in e.targets[0].text)
    house = by_target(result, "residential")[0]
    for event in (hospital, house):
        assert event.civilian_targeting
        assert event.actor1.id == "coalition"  # named in the sentence before
        assert event.sources[0].speaker == "Samer"
        assert event.location.text == "Albu Kamal"
    assert hospital.killed.total.min == 3 and hospital.killed.children.min == 2
    assert hospital.event_type == "Explosions/Remote violence"


def test_territory_change_and_person_targets(result):
    taken = next(e for e in result.events if e.method == "territory_change")
    assert taken.actor1.id == "sdf" and taken.location.text == "Tal Abiad"
    assert taken.event_type == "Battles"
    people = by_target(result, "person")[0]
    assert {p.name for p in people.people} == {"Junaid Hussein", "Amr Moussa Hamidi"}
    assert people.actor1.id == "coalition"


def test_passive_voice_attacker_and_relative_date(result):
    idlib = next(e for e in by_target(result, "hospital") if "Idlib" in e.evidence.text)
    assert idlib.actor1.id == "russia" and idlib.method == "air_strike"
    assert idlib.date.start == date(2015, 9, 1)
    assert idlib.killed.civilians.min == 5
    assert idlib.sources == []


def test_without_a_model_rules_still_run(monkeypatch, caplog):
    from harmwatch.extract import spacy_pipeline as module

    def missing(*args, **kwargs):
        raise OSError("no such model")

    monkeypatch.setattr(module.spacy, "load", missing)
    logger = logging.getLogger(module.__name__)
    logger.addHandler(caplog.handler)
    text = "Russian warplanes struck a market in Idlib yesterday, killing 12 civilians."
    try:  # the pipeline is built at the first English document
        event = Extractor.load().extract(Document(text=text, published=date(2016, 3, 2))).events[0]
    finally:
        logger.removeHandler(caplog.handler)
    assert "rules only" in caplog.text
    assert event.actor1.id == "russia" and event.civilian_targeting
    assert event.killed.civilians.min == 12 and event.date.start == date(2016, 3, 1)


@pytest.fixture(scope="module")
def extractor():
    return Extractor.load()


def test_explosions_a_named_weapon_set_off_are_no_bombing_of_their_own(extractor):
    text = ("At least 16 air strikes hit Raqqa on Saturday, triggering explosions that shook "
            "the city.")
    result = extractor.extract(Document(id="d", text=text, published=date(2015, 7, 5)))
    assert [e.method for e in result.events if not e.recalled] == ["air_strike"]


def test_strikes_executed_to_deny_a_group_are_no_execution(extractor):
    text = "The air strikes were executed to deny Daesh the ability to move in Syria."
    result = extractor.extract(Document(id="d", text=text, published=date(2015, 7, 5)))
    assert "execution" not in {e.method for e in result.events}
