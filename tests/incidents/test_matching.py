"""Compatibility of two events and the candidate index."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from harmwatch.geo import distance_km
from harmwatch.incidents import Rules
from harmwatch.incidents.matching import CandidateIndex, Key, compatible
from tests.incidents.factory import make_event

RULES = Rules.default()


def test_distance_between_tabqa_and_al_mansoura_is_about_forty_km():
    assert 40 < distance_km(35.8356, 38.5481, 35.8261, 39.0294) < 46


@given(st.floats(-60, 60), st.floats(-179, 179), st.floats(0, 0.08), st.floats(0, 0.08))
def test_index_finds_every_compatible_neighbour(lat, lon, dlat, dlon):
    """Whatever cell boundary lies between them, an event within 10 km is a candidate."""
    base = Key.of(make_event("Tabqa"))
    first = Key(**{**_fields(base), "event_id": "a", "lat": lat, "lon": lon})
    second = Key(**{**_fields(base), "event_id": "b", "lat": lat + dlat, "lon": lon + dlon})
    index = CandidateIndex(RULES)
    index.add("inc-a", first)
    if compatible(first, second, RULES):
        assert index.best(second) == "inc-a"


def _fields(key: Key) -> dict:
    return {name: getattr(key, name) for name in Key.__slots__}


def test_month_precise_report_matches_a_day_in_that_month_in_the_province():
    day = Key.of(make_event("Tabqa", day=date(2016, 3, 13)))
    month = Key.of(make_event("Raqqa", town="Raqqa", day=date(2016, 3, 1), precision="month",
                              geo_precision=3))
    index = CandidateIndex(RULES)
    index.add("inc-day", day)
    assert index.best(month) == "inc-day"


def test_compatible_methods_follow_the_families():
    assert RULES.methods_compatible("air_strike", "drone_strike")
    assert RULES.methods_compatible("other", "ied")
    assert not RULES.methods_compatible("air_strike", "ied")


def test_unresolved_places_match_by_name_only():
    def unresolved(name: str) -> Key:
        event = make_event(name)
        location = event.location.model_copy(update={"lat": None, "lon": None, "admin1": None,
                                                     "name": name, "text": name})
        return Key.of(event.model_copy(update={"location": location}))

    index = CandidateIndex(RULES)
    index.add("inc-tabqa", unresolved("Tabqa"))
    assert index.best(unresolved("tabqa")) == "inc-tabqa"
    assert index.best(unresolved("Raqqa")) is None
    assert index.best(Key.of(make_event("Tabqa"))) == "inc-tabqa"  # resolved, same name
