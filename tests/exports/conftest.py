"""A built database with incidents of every kind the exporters must handle."""

from __future__ import annotations

from datetime import date

import pytest

from harmwatch.incidents import build_incidents
from harmwatch.model import Document
from harmwatch.store import DocumentRepository, IncidentRepository, open_database
from tests.incidents.factory import casualties, make_event, report, store_report


@pytest.fixture
def built_db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'export.db'}"
    engine = open_database(url)
    documents = DocumentRepository(engine)
    report(documents, "Warplanes struck the market in Tabqa, killing 12 civilians.",
           killed=casualties(12, 12, 3), civilian_targeting=True)
    report(documents, "Coalition jets bombed Tabqa market; 15 dead.", publisher="SNHR",
           killed=casualties(15))
    report(documents, "Government artillery shelled Maskanah, wounding seven.", town="Maskanah",
           actor="syrian_government", method="shelling", day=date(2016, 3, 11),
           injured=casualties(7))
    report(documents, "Unidentified gunmen fired on Raqqa in March.", town="Raqqa",
           actor=None, method="gunfire", precision="month", day=date(2016, 3, 1),
           geo_precision=3, killed=casualties(combatants=2))
    text = "A strike somewhere killed two."
    unplaced = make_event(text, event_id=f"{Document(text=text).id}:e1", day=date(2016, 4, 2))
    store_report(documents, text, unplaced.model_copy(update={"location": None}))
    build_incidents(IncidentRepository(engine))
    return url
