"""Grades on Airwars' scale, their reasons, and disagreement flags."""

from __future__ import annotations

from datetime import date

from harmwatch.incidents import Rules, assemble
from harmwatch.model import Document, EventRecord
from tests.incidents.factory import casualties, make_event


def record(text: str, publisher: str = "Raqqa Post", **options) -> EventRecord:
    document = Document(text=text)
    event = make_event(text, **options).model_copy(update={"id": f"{document.id}:e1"})
    return EventRecord(event, document.id, None, None, publisher, "en", date(2016, 3, 14), text)


def grade_of(*records: EventRecord):
    return assemble("inc-test", records, Rules.default())


def test_one_source_is_weak():
    incident = grade_of(record("Warplanes struck Tabqa market, killing 12.",
                               killed=casualties(12)))
    assert incident.grade == "Weak"
    assert "a single source" in incident.grade_reasons


def test_two_sources_without_attacker_are_weak():
    incident = grade_of(record("A strike on Tabqa killed 12.", actor=None),
                        record("Tabqa market bombed, 14 dead.", publisher="SNHR", actor=None))
    assert incident.grade == "Weak"
    assert "no source names the attacker" in incident.grade_reasons


def test_belligerent_accepting_responsibility_is_confirmed():
    text = ("Coalition statement. The coalition acknowledged that civilians were killed in its "
            "strike on Tabqa and regrets the loss of life.")
    incident = grade_of(record(text, publisher="CJTF-OIR", killed=casualties(civilians=4)))
    assert incident.grade == "Confirmed"
    assert any("acknowledged that civilians" in r for r in incident.grade_reasons)


def test_reviewing_reports_is_not_an_admission():
    text = ("The coalition said it had targeted a checkpoint near Tabqa and that it was "
            "reviewing reports of civilian casualties.")
    assert grade_of(record(text)).grade == "Weak"


def test_competing_attributions_are_contested_and_flagged():
    incident = grade_of(record("Russian jets struck Tabqa, killing 12.", actor="russia",
                               killed=casualties(12)),
                        record("Regime aircraft bombed Tabqa, 13 dead.", publisher="SNHR",
                               actor="syrian_government", killed=casualties(13)))
    assert incident.grade == "Contested"
    assert any(f.startswith("different attackers") for f in incident.flags)


def test_casualties_also_blamed_on_ground_forces_are_contested():
    incident = grade_of(record("An air strike on Tabqa killed 5.", killed=casualties(5)),
                        record("Shelling of Tabqa killed 5.", publisher="SNHR",
                               method="shelling", killed=casualties(5)))
    assert incident.grade == "Contested"
    assert any("ground forces (shelling)" in r for r in incident.grade_reasons)


def test_combatants_only_is_discounted():
    incident = grade_of(record("Strike on an ISIS checkpoint near Tabqa killed 6 fighters.",
                               killed=casualties(combatants=6), targets=("checkpoint",)))
    assert incident.grade == "Discounted"
    assert incident.fatalities == 6


def test_counts_differing_by_more_than_half_are_flagged():
    incident = grade_of(record("Strike on Tabqa killed 5.", killed=casualties(5)),
                        record("Strike on Tabqa killed 40.", publisher="SNHR",
                               killed=casualties(40)))
    (flag,) = incident.flags
    assert flag.startswith("casualty counts differ by more than half: 5 killed (Raqqa Post)")
    close = grade_of(record("Strike on Tabqa killed 12.", killed=casualties(12)),
                     record("Strike on Tabqa killed 15.", publisher="SNHR", killed=casualties(15)))
    assert close.flags == []


def test_different_places_are_flagged():
    incident = grade_of(record("Strike on Tabqa.", town="Tabqa"),
                        record("Strike on Raqqa.", publisher="SNHR", town="Raqqa"))
    assert incident.flags == ["different places: Raqqa, Tabqa"]


def test_only_injuries_give_zero_fatalities():
    incident = grade_of(record("Shelling wounded seven in Tabqa.", injured=casualties(7)))
    assert incident.fatalities == 0
    assert incident.injured.total.min == 7


def test_a_monitors_credible_reports_are_not_an_admission():
    text = "There are credible reports that civilians were killed in the coalition strike."
    assert grade_of(record(text)).grade == "Weak"
    admitted = ("CJTF-OIR assessed the report to be credible: the coalition strike killed "
                "three civilians.")
    assert grade_of(record(admitted, publisher="CJTF-OIR")).grade == "Confirmed"
