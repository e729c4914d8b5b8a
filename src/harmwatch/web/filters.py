"""The list's filters as they live in the URL, so any view can be shared by its address."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import Depends, Query
from pydantic import BaseModel, Field

from harmwatch.errors import UsageError
from harmwatch.store import IncidentFilters

CIVILIAN_CHOICES = {"yes": True, "no": False}
# The deepest row a list may start at: past it a database's 64-bit offset overflows (500).
MAX_OFFSET = 10**9


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{name}={value!r} is not a date; write it as YYYY-MM-DD") from exc


def _civilian(value: str | None) -> bool | None:
    if not value:
        return None
    if value not in CIVILIAN_CHOICES:
        raise UsageError(f"civilian={value!r} must be yes or no (or empty for both)")
    return CIVILIAN_CHOICES[value]


class FilterQuery(BaseModel):
    """The list's URL parameters. One model, validated in one pass: as twelve separate
    parameters they cost as much per request as reading the user from the database."""

    date_from: str | None = Field(None, description="Incidents on or after (YYYY-MM-DD).")
    date_to: str | None = Field(None, description="Incidents on or before (YYYY-MM-DD).")
    actor: str | None = Field(None, description="Actor id, as actor1 or actor2.")
    method: str | None = Field(None, description="e.g. air_strike, shelling.")
    target: str | None = Field(None, description="Target type, e.g. market, hospital.")
    admin1: str | None = Field(None, description="Province (governorate).")
    grade: str | None = Field(None, description="Confirmed, Fair, Weak, Contested, Discounted.")
    civilian: str | None = Field(None, description="yes: civilians harmed or targeted; no.")
    q: str | None = Field(None, description="Words the incident's text must contain.")
    sort: str = Field("-date", description="date, fatalities, grade, updated, civilians; "
                                           "a leading - sorts descending.")
    page: int = Field(1, ge=1, le=MAX_OFFSET // 1000)
    per_page: int = Field(50, ge=1, le=1000)


async def incident_filters(query: Annotated[FilterQuery, Query()]) -> IncidentFilters:
    """The filters of a request; empty fields (as a form sends them) mean any."""
    return IncidentFilters(
        date_from=_day(query.date_from, "date_from"), date_to=_day(query.date_to, "date_to"),
        actor=query.actor or None, method=query.method or None, target=query.target or None,
        admin1=query.admin1 or None, grade=query.grade or None,
        civilian=_civilian(query.civilian), q=query.q or None, sort=query.sort or "-date",
        page=query.page, per_page=query.per_page)


Filters = Annotated[IncidentFilters, Depends(incident_filters)]


def as_query(filters: IncidentFilters) -> dict[str, str]:
    """The filters as URL parameters (without paging), for links and the map's data request."""
    values = asdict(filters)
    values["civilian"] = {True: "yes", False: "no"}.get(filters.civilian)
    return {key: str(value) for key, value in values.items()
            if value not in (None, "") and key not in ("page", "per_page")}
