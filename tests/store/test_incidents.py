"""The incident repository on SQLite and PostgreSQL: search, edits, merge, split, audit."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text

from harmwatch.errors import UsageError
from harmwatch.incidents import Review, build_incidents
from harmwatch.store import DocumentRepository, EditConflict, IncidentFilters, IncidentRepository
from tests.incidents.factory import casualties, report


@pytest.fixture
def built(engine):
    """Three incidents: two coalition air strikes (one with two sources) and a shelling."""
    documents, incidents = DocumentRepository(engine), IncidentRepository(engine)
    report(documents, "Warplanes struck the market in Tabqa, killing 12 civilians.",
           killed=casualties(12, 12), targets=("market",))
    report(documents, "Coalition jets bombed Tabqa market; 15 dead.", publisher="SNHR",
           killed=casualties(15), targets=("market",))
    report(documents, "Government artillery shelled Maskanah, wounding seven.", town="Maskanah",
           actor="syrian_government", method="shelling", day=date(2016, 3, 11),
           injured=casualties(7), targets=("residential",))
    report(documents, "A strike on a school in Al-Mansoura killed 3 children in May.",
           town="Al-Mansoura", day=date(2016, 5, 2), killed=casualties(3, 3, 3),
           targets=("school",))
    build_incidents(incidents)
    return incidents


def test_search_pages_and_counts(built):
    page, total = built.search(IncidentFilters(per_page=2, sort="date"))
    assert total == 3
    assert [i.date_start for i in page] == [date(2016, 3, 11), date(2016, 3, 13)]
    page2, _ = built.search(IncidentFilters(per_page=2, page=2, sort="date"))
    assert [i.date_start for i in page2] == [date(2016, 5, 2)]


@pytest.mark.parametrize("sort", ["date", "-date", "-fatalities", "grade", "-civilians"])
def test_a_page_of_stored_json_is_the_page_of_incidents_in_order(built, sort):
    filters = IncidentFilters(per_page=2, sort=sort)
    stored, total = built.search_json(filters)
    page, _ = built.search(filters)
    assert total == 3
    assert [json.loads(text) for text in stored] == [i.model_dump(mode="json") for i in page]
    assert [i.id for i in page] == [i.id for i in built.all(filters)][:2]


def test_stored_json_is_valid_json_even_for_a_nan_coordinate(built):
    incident = next(built.all(IncidentFilters(method="shelling")))
    location = incident.location.model_copy(update={"lat": float("nan")})
    built.save_build([incident.model_copy(update={"location": location})])
    stored, _ = built.search_json(IncidentFilters(method="shelling"))

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    assert json.loads(stored[0], parse_constant=refuse)["location"]["lat"] is None


@pytest.mark.parametrize(("filters", "expected"), [
    (IncidentFilters(actor="syrian_government"), {"Maskanah"}),
    (IncidentFilters(method="air_strike"), {"Tabqa", "Al-Mansoura"}),
    (IncidentFilters(target="school"), {"Al-Mansoura"}),
    (IncidentFilters(admin1="aleppo"), {"Maskanah"}),
    (IncidentFilters(grade="Fair"), {"Tabqa"}),
    (IncidentFilters(civilian=True), {"Tabqa", "Al-Mansoura"}),
    (IncidentFilters(civilian=False), {"Maskanah"}),
    (IncidentFilters(q="snhr market"), {"Tabqa"}),
    (IncidentFilters(date_from=date(2016, 3, 12), date_to=date(2016, 4, 1)), {"Tabqa"}),
])
def test_filters(built, filters, expected):
    assert {i.location.name for i in built.all(filters)} == expected


def test_sort_by_fatalities_descending(built):
    assert [i.fatalities for i in built.all(IncidentFilters(sort="-fatalities"))] == [12, 3, 0]


def test_unknown_sort_is_a_usage_error(built):
    with pytest.raises(UsageError, match="cannot sort"):
        built.search(IncidentFilters(sort="colour"))


def test_update_bumps_version_audits_and_detects_conflicts(built):
    incident = next(built.all(IncidentFilters(method="shelling")))
    changed = Review(built).update(incident.id, {"grade": "Contested", "notes": "checked"},
                                   who="ana",
                           why="local sources blame ISIS", expected_version=incident.version)
    assert (changed.grade, changed.version) == ("Contested", incident.version + 1)
    assert built.get(incident.id) == changed
    (entry,) = built.audit(incident.id)
    assert (entry.who, entry.action, entry.why) == ("ana", "update", "local sources blame ISIS")
    assert entry.before["grade"] == incident.grade and entry.after["grade"] == "Contested"
    with pytest.raises(EditConflict):
        Review(built).update(incident.id, {"notes": "stale"}, who="bo", why="",
                     expected_version=incident.version)


def test_derived_fields_cannot_be_edited(built):
    incident = next(built.all())
    with pytest.raises(UsageError, match="sources"):
        Review(built).update(incident.id, {"sources": []}, who="ana", why="", expected_version=1)


def test_person_edits_survive_a_rebuild(built):
    incident = next(built.all(IncidentFilters(method="shelling")))
    Review(built).update(incident.id, {"grade": "Discounted"}, who="ana", why="combatants",
                 expected_version=incident.version)
    build_incidents(built, rebuild=True)
    assert built.get(incident.id).grade == "Discounted"


def test_merge_then_split_round_trip_with_audit(built):
    shelling = next(built.all(IncidentFilters(method="shelling")))
    tabqa = next(built.all(IncidentFilters(grade="Fair")))
    merged = Review(built).merge([tabqa.id, shelling.id], who="ana", why="same attack")
    assert merged.id == tabqa.id
    assert set(merged.event_ids) == set(tabqa.event_ids) | set(shelling.event_ids)
    assert built.get(shelling.id) is None
    assert merged.grade == "Contested"  # attributed to the coalition and the government
    assert [e.action for e in built.audit(shelling.id)] == ["merged_into"]
    build_incidents(built, rebuild=True)
    assert built.get(tabqa.id).event_ids == merged.event_ids
    split = Review(built).split(tabqa.id, shelling.event_ids, who="ana", why="no, two attacks")
    assert split.event_ids == shelling.event_ids
    assert [e.action for e in built.audit(tabqa.id)] == ["merge", "split"]
    assert {e.id for e in built.events_of(split.id)} == set(shelling.event_ids)


def test_split_rejects_foreign_or_all_events(built):
    incident = next(built.all(IncidentFilters(grade="Fair")))
    with pytest.raises(UsageError, match="not in incident"):
        Review(built).split(incident.id, ["nope"], who="ana", why="")
    with pytest.raises(UsageError, match="not all"):
        Review(built).split(incident.id, incident.event_ids, who="ana", why="")


def test_timeline_fills_empty_months(built):
    assert built.timeline(by="month") == [
        (date(2016, 3, 1), 2, 12), (date(2016, 4, 1), 0, 0), (date(2016, 5, 1), 1, 3)]
    weeks = built.timeline(IncidentFilters(method="shelling"), by="week")
    assert weeks == [(date(2016, 3, 7), 1, 0)]


def test_facets(built):
    assert built.actors() == ["coalition", "syrian_government"]
    assert built.methods() == ["air_strike", "shelling"]
    assert built.admin1s() == ["Aleppo", "Raqqa"]
    assert built.grades() == ["Fair", "Weak"]
    assert built.targets() == ["market", "residential", "school"]


def test_sort_by_grade_follows_the_scale_then_id(built):
    grades = [i.grade for i in built.all(IncidentFilters(sort="grade"))]
    assert grades == ["Fair", "Weak", "Weak"]
    assert next(i.grade for i in built.all(IncidentFilters(sort="-grade"))) == "Weak"
    civilians = [i.killed.civilians for i in built.all(IncidentFilters(sort="-civilians"))]
    assert civilians[0].min == 12 and civilians[-1] is None  # unknown counts sort last


def test_the_event_stream_is_in_date_order_along_its_index(engine):
    """Undated events by their report's date, undated and unpublished first; SQLite reads
    along ix_events_stream instead of sorting the archive first (PostgreSQL does the same
    through the cursor the build reads with: EXPLAIN in docs/BENCHMARKS.md)."""
    from sqlalchemy import event, text

    from tests.incidents.factory import make_event, store_report

    documents = DocumentRepository(engine)
    late = make_event("Jets struck Tabqa.", day=date(2016, 3, 20))
    store_report(documents, "Jets struck Tabqa.", late)
    undated = make_event("Shelling hit Tabqa.").model_copy(update={"date": None})
    store_report(documents, "Shelling hit Tabqa.", undated, published=date(2016, 3, 15))
    early = make_event("A drone hit Tabqa.", day=date(2016, 3, 1))
    store_report(documents, "A drone hit Tabqa.", early)
    unknown = make_event("Someone hit Tabqa.").model_copy(update={"date": None})
    store_report(documents, "Someone hit Tabqa.", unknown, published=None)
    statements = []
    event.listen(engine, "before_cursor_execute",
                 lambda _c, _k, statement, *_: statements.append(statement))
    stream = [item.event.id for item in IncidentRepository(engine).event_stream()]
    assert stream == [unknown.id, early.id, undated.id, late.id]
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            plan = " ".join(row[-1] for row in connection.execute(
                text(f"EXPLAIN QUERY PLAN {statements[-1]}")))
        assert "ix_events_stream" in plan and "TEMP B-TREE" not in plan


def test_every_change_to_the_incidents_raises_their_change_count(built, engine):
    counts = [built.change_count()]  # after the build's inserts
    incident = next(built.all(IncidentFilters(method="shelling")))
    Review(built).update(incident.id, {"notes": "checked"}, who="ana", why="",
                         expected_version=incident.version)
    counts.append(built.change_count())
    with engine.begin() as connection:  # by hand, as another program might
        connection.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": incident.id})
    counts.append(built.change_count())
    assert counts[0] > 0 and counts == sorted(set(counts)), counts
    assert built.change_count() == counts[-1]  # reading changes nothing
