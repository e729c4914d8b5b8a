"""ACLED CSV fit for sharing (issue 14): a tags column, sources named, notes in sentences,
the country of the place, ACLED's actor names, and the analysts' notes."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd

from harmwatch.exports import get_exporter
from harmwatch.incidents import Review, build_incidents
from harmwatch.model import Location
from harmwatch.store import DocumentRepository, IncidentRepository, open_database
from tests.incidents.factory import casualties, make_event, store_report


def _acled(url: str) -> pd.DataFrame:
    repository = IncidentRepository(open_database(url))
    stream = io.BytesIO()
    get_exporter("acled").write(repository.all(), repository.events_of, stream)
    return pd.read_csv(io.BytesIO(stream.getvalue()), keep_default_na=False)


def test_acled_rows_read_as_sentences_with_sources_country_and_notes(tmp_path):
    url = f"sqlite:///{tmp_path / 'share.db'}"
    engine = open_database(url)
    documents = DocumentRepository(engine)
    text = "An IED killed one civilian in Raqqa."
    store_report(documents, text, make_event(text, town="Raqqa", method="ied",
                                             actor="islamic_state", killed=casualties(1, 1)),
                 publisher=None, url="https://www.example.org/raqqa-ied")
    london = "A knife attack in London on 3 June."
    event = make_event(london, method="gunfire", actor=None, day=date(2017, 6, 3))
    event = event.model_copy(update={"location": Location(
        text="London", span=event.location.span, name=None, lat=51.5, lon=-0.12,
        country="GB", precision=1)})
    store_report(documents, london, event, publisher="BBC")
    repository = IncidentRepository(engine)
    build_incidents(repository)
    raqqa_id = next(i.id for i in repository.all() if i.method == "ied")
    Review(repository).update(raqqa_id, {"notes": "Hospital records confirm the name."}, "amal",
                      "checked", expected_version=repository.get(raqqa_id).version)

    frame = _acled(url)
    assert "tags" in frame.columns and list(frame.columns)[-2:] == ["tags", "timestamp"]
    raqqa = frame[frame.location == "Raqqa"].iloc[0]
    assert raqqa.actor1 == "Islamic State (Syria)"
    assert raqqa.source == "example.org"
    assert "1 person was killed, all civilians." in raqqa.notes
    assert "1 civilians" not in raqqa.notes and "None" not in raqqa.notes
    assert "Analyst's note: Hospital records confirm the name." in raqqa.notes
    assert "harmwatch grade=" in raqqa.tags and "target=market" in raqqa.tags
    london_row = frame[frame.location == "London"].iloc[0]
    assert (london_row.country, london_row.iso, london_row.region) == (
        "United Kingdom", 826, "Europe")
    assert london_row.event_id_cnty.startswith("GBR")
    assert "None" not in london_row.notes and london_row.source == "BBC"
