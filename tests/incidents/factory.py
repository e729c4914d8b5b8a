"""Fixture factory: events built from the model, stored as an ingest would store them."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from harmwatch.model import (
    ActorRef,
    Casualties,
    DateRef,
    Document,
    DocumentRef,
    Event,
    ExtractionResult,
    Location,
    Mention,
    Range,
    Span,
    Target,
)
from harmwatch.store import DocumentRepository

# Towns in Raqqa province: Tabqa and Al-Mansoura are ~40 km apart along the Euphrates.
TOWNS = {
    "Tabqa": (35.8356, 38.5481, "Raqqa"),
    "Al-Mansoura": (35.8261, 39.0294, "Raqqa"),  # about 43 km east of Tabqa
    "Raqqa": (35.9528, 39.0079, "Raqqa"),
    "Maskanah": (35.9647, 38.0331, "Aleppo"),
}
ACTOR_NAMES = {"coalition": "US-led coalition", "russia": "Russian forces", "unknown": "unknown",
               "syrian_government": "Syrian government forces", "islamic_state": "Islamic State"}
ACLED_TYPES = {"air_strike": ("Explosions/Remote violence", "Air/drone strike"),
               "drone_strike": ("Explosions/Remote violence", "Air/drone strike"),
               "gunfire": ("Violence against civilians", "Attack")}
_numbers = count(1)


def casualties(total=None, civilians=None, children=None, combatants=None) -> Casualties:
    def rng(value):
        if value is None:
            return None
        low, high = value if isinstance(value, tuple) else (value, value)
        return Range(min=low, max=high)
    return Casualties(total=rng(total), civilians=rng(civilians), children=rng(children),
                      combatants=rng(combatants))


def make_event(text: str, *, town: str = "Tabqa", day: date = date(2016, 3, 13),
               precision: str = "day", actor: str | None = "coalition",
               method: str = "air_strike", killed: Casualties | None = None,
               injured: Casualties | None = None, targets: tuple[str, ...] = ("market",),
               geo_precision: int = 1, civilian_targeting: bool = False,
               event_id: str | None = None) -> Event:
    lat, lon, admin1 = TOWNS[town]
    start = text.find(town)
    span = Span.of(max(start, 0), max(start, 0) + len(town))
    end = day if precision == "day" else day + timedelta(days=6 if precision == "week" else 29)
    event_type, sub_event = ACLED_TYPES.get(
        method, ("Explosions/Remote violence", "Shelling/artillery/missile attack"))
    return Event(
        id=event_id or f"ev-{next(_numbers)}", event_type=event_type,
        sub_event_type=sub_event, method=method, civilian_targeting=civilian_targeting,
        actor1=ActorRef(id=actor, name=ACTOR_NAMES.get(actor, actor), text=actor, span=span)
        if actor else None,
        date=DateRef(text="Sunday", span=span, start=day, end=end, precision=precision),
        location=Location(text=town, span=span, name=town, lat=lat, lon=lon, admin1=admin1,
                          country="SY", precision=geo_precision, geonameid=f"g-{town}"),
        targets=[Target(text=t, span=span, type=t) for t in targets],
        killed=killed or Casualties(), injured=injured or Casualties(),
        evidence=Mention(text=text[:200], span=Span.of(0, min(len(text), 200))),
        confidence=0.8)


def store_report(repository: DocumentRepository, text: str, *events: Event,
                 publisher: str = "Raqqa Post", url: str | None = None,
                 published: date = date(2016, 3, 14), language: str = "en") -> Document:
    document = Document(text=text, title=text.split("\n")[0][:80], url=url or
                        f"https://example.org/{next(_numbers)}", published=published,
                        publisher=publisher, language=language, source="fixture")
    result = ExtractionResult(document=DocumentRef.of(document), events=list(events))
    repository.add(document, result)
    return document


def report(repository: DocumentRepository, text: str, publisher: str = "Raqqa Post",
           **event_options) -> tuple[Document, Event]:
    """Store a one-event report; returns its document and event."""
    event = make_event(text, **event_options)
    document = Document(text=text)
    event = event.model_copy(update={"id": f"{document.id}:e1"})
    return store_report(repository, text, event, publisher=publisher), event
