"""The list's export button exports what the list shows (its filters), as ACLED CSV."""

from __future__ import annotations

import csv
import io
import re


def test_export_button_honours_the_current_filters(seeded, people, make_client):
    client = make_client("carla")
    page = client.get("/incidents", params={"method": "shelling"}).text
    link = re.search(r'class="button export-link" href="([^"]+)"', page).group(1)
    assert link.startswith("/api/exports/acled?") and "method=shelling" in link
    response = client.get(link.replace("&amp;", "&"))
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["location"] for row in rows] == ["Maskanah"]
