"""The timeline (issue 14): bars over the real span of the data, stacked by grade or
attacker, each a link to the matching list; coarse dates spread, not piled on day one."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from harmwatch.incidents import build_incidents
from harmwatch.store import DocumentRepository, IncidentRepository
from tests.incidents.factory import casualties, report


def test_bars_cover_the_data_and_open_the_matching_list(seeded, people, make_client):
    client = make_client("carla")
    html = client.get("/timeline").text
    assert 'id="timeline-chart"' in html
    links = [unescape(h) for h in re.findall(r'<a href="([^"]+)" class="bar-link"', html)]
    assert len(links) == 4  # March (Fair and Weak), April and May 2016
    march = next(link for link in links if "date_from=2016-03-01" in link)
    assert "date_to=2016-03-31" in march and "grade=Fair" in march
    listed = client.get(march.replace("/incidents", "/api/incidents")).json()
    assert listed["total"] >= 1
    data = client.get("/api/timeline", params={"stack": "actor"}).json()
    assert [p["period"] for p in data["periods"]] == ["2016-03-01", "2016-04-01", "2016-05-01"]
    assert sum(p["incidents"] for p in data["periods"]) == 4
    assert data["periods"][0]["actor"] == {"coalition": 1.0, "syrian_government": 1.0}


def test_month_precision_incidents_are_spread_over_their_weeks(engine, people, make_client):
    documents = DocumentRepository(engine)
    report(documents, "Strikes on Raqqa during March killed 20.", town="Raqqa",
           precision="month", day=date(2016, 3, 1), killed=casualties(20))
    report(documents, "A strike hit Tabqa on 16 March.", day=date(2016, 3, 16))
    build_incidents(IncidentRepository(engine))
    weeks = make_client("carla").get("/api/timeline", params={"by": "week"}).json()["periods"]
    first_week = weeks[0]
    assert first_week["incidents"] < 0.5  # not the whole month on its first day
    assert round(sum(w["incidents"] for w in weeks), 6) == 2
    assert max(w["incidents"] for w in weeks) < 1.5


def test_an_outlying_date_does_not_stretch_the_axis(engine, people, make_client):
    documents = DocumentRepository(engine)
    for number in range(60):
        report(documents, f"Report {number}: shelling in Maskanah.", town="Maskanah",
               method="shelling", day=date(2016, 1 + number % 12, 1 + number % 27))
    report(documents, "An old report of 1965.", day=date(1965, 6, 1), town="Raqqa")
    build_incidents(IncidentRepository(engine))
    data = make_client("carla").get("/api/timeline").json()
    assert data["periods"][0]["period"].startswith("2016-") and data["outside"] == 1
    assert len(data["periods"]) == 12
