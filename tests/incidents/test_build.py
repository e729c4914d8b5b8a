"""Grouping stored events into incidents: merges, non-merges, independence, stable ids."""

from __future__ import annotations

from datetime import date

import pytest

from harmwatch.incidents import Review, build_incidents
from harmwatch.store import DocumentRepository, IncidentRepository
from tests.incidents.factory import casualties, make_event, report, store_report

MARKET_1 = ("Air strike hits market in Tabqa\n\nAt least 12 civilians, including three children, "
            "were killed on Sunday when warplanes struck a crowded market in Tabqa, local "
            "activists said. Residents said the aircraft belonged to the US-led coalition.")
MARKET_2 = ("Civilians killed in coalition raid on Tabqa market\n\nAt least 15 people, among them "
            "four children, were killed and dozens injured when coalition aircraft bombed the "
            "main market of Tabqa in Raqqa province, a rights group said on Tuesday.")


@pytest.fixture
def repos(engine):
    return DocumentRepository(engine), IncidentRepository(engine)


def test_two_differently_worded_reports_become_one_incident_spanning_both(repos):
    documents, incidents = repos
    report(documents, MARKET_1, killed=casualties(12, 12, 3))
    report(documents, MARKET_2, publisher="SNHR", killed=casualties(15, children=4))
    summary = build_incidents(incidents)
    assert (summary.incidents, summary.created) == (1, 1)
    (incident,) = incidents.all()
    assert len(incident.sources) == 2
    assert (incident.killed.total.min, incident.killed.total.max) == (12, 15)
    assert (incident.killed.children.min, incident.killed.children.max) == (3, 4)
    assert incident.fatalities == 12
    assert incident.grade == "Fair"
    assert {s.publisher for s in incident.sources} == {"Raqqa Post", "SNHR"}


def test_same_day_strikes_forty_km_apart_stay_two_incidents(repos):
    documents, incidents = repos
    report(documents, MARKET_1, town="Tabqa", killed=casualties(12))
    report(documents, "Warplanes struck Al-Mansoura on Sunday, killing 4.", town="Al-Mansoura",
           killed=casualties(4))
    assert build_incidents(incidents).incidents == 2


def test_dates_more_than_a_day_apart_stay_apart(repos):
    documents, incidents = repos
    report(documents, MARKET_1, day=date(2016, 3, 13))
    report(documents, MARKET_2, day=date(2016, 3, 15))
    assert build_incidents(incidents).incidents == 2


def test_contradicting_attackers_are_not_merged(repos):
    documents, incidents = repos
    report(documents, MARKET_1, actor="coalition")
    report(documents, MARKET_2, actor="islamic_state")
    assert build_incidents(incidents).incidents == 2


def test_unnamed_attacker_and_province_only_place_merge_with_a_named_town(repos):
    documents, incidents = repos
    report(documents, MARKET_1, actor="coalition", killed=casualties(12))
    report(documents, "Raids on Raqqa province on Sunday killed 10 people.", town="Raqqa",
           geo_precision=3, actor=None, killed=casualties(10))
    build_incidents(incidents)
    (incident,) = incidents.all()
    assert incident.actor1 == "coalition"
    assert incident.location.name == "Tabqa"


def test_a_near_identical_copy_counts_as_one_source(repos):
    documents, incidents = repos
    report(documents, MARKET_1, publisher="Raqqa Post", killed=casualties(12))
    copy = "Syndicated by Example Wire.\n" + MARKET_1 + " (c) Example Wire"
    report(documents, copy, publisher="Example Wire", killed=casualties(12))
    build_incidents(incidents)
    (incident,) = incidents.all()
    assert len(incident.event_ids) == 2
    assert len(incident.sources) == 1
    assert len(incident.sources[0].duplicates) == 1
    assert incident.grade == "Weak"


def test_incremental_build_adds_to_the_incident_and_keeps_its_id(repos):
    documents, incidents = repos
    report(documents, MARKET_1, killed=casualties(12))
    build_incidents(incidents)
    (first,) = incidents.all()
    report(documents, MARKET_2, publisher="SNHR", killed=casualties(15))
    summary = build_incidents(incidents)
    assert (summary.new_events, summary.updated, summary.created) == (1, 1, 0)
    (second,) = incidents.all()
    assert second.id == first.id
    assert second.version == first.version + 1
    assert len(second.sources) == 2


def test_nothing_new_changes_nothing(repos):
    documents, incidents = repos
    report(documents, MARKET_1)
    build_incidents(incidents)
    summary = build_incidents(incidents)
    assert (summary.created, summary.updated, summary.removed) == (0, 0, 0)
    assert next(incidents.all()).version == 1


def test_rebuild_keeps_ids(repos):
    documents, incidents = repos
    report(documents, MARKET_1)
    report(documents, "Warplanes struck Al-Mansoura, killing 4.", town="Al-Mansoura")
    build_incidents(incidents)
    before = {i.id: i.event_ids for i in incidents.all()}
    build_incidents(incidents, rebuild=True)
    assert {i.id: i.event_ids for i in incidents.all()} == before


def test_a_split_survives_incremental_and_full_rebuilds(repos):
    documents, incidents = repos
    _, first = report(documents, MARKET_1)
    _, second = report(documents, MARKET_2, publisher="SNHR")
    build_incidents(incidents)
    (merged,) = incidents.all()
    split_off = Review(incidents).split(merged.id, [second.id], who="analyst", why="two strikes")
    for rebuild in (False, True):
        build_incidents(incidents, rebuild=rebuild)
        groups = sorted(i.event_ids for i in incidents.all())
        assert groups == sorted([[first.id], [second.id]])
        assert incidents.get(split_off.id).event_ids == [second.id]


def test_two_events_of_one_document_are_one_source(repos):
    documents, incidents = repos
    text = MARKET_1 + " A second raid on the market followed."
    store_report(documents, text, make_event(text, event_id="one:e1"),
                 make_event(text, event_id="one:e2"))
    build_incidents(incidents)
    (incident,) = incidents.all()
    assert len(incident.sources) == 1
    assert incident.sources[0].duplicates == ["one:e2"]
