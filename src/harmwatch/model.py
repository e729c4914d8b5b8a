"""The one data model every stage shares.

Document -> (extract) ExtractionResult with Events and Mentions -> (incidents) Incident.
Every piece of evidence is a Span: [start, end) character offsets into Document.text.
All models are pydantic, so JSON (de)serialisation round-trips exactly and
`harmwatch schema` can print the JSON Schema.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

DatePrecision = Literal["day", "week", "month", "year"]
Method = Literal[
    "air_strike",
    "drone_strike",
    "helicopter_barrel_bomb",
    "shelling",
    "missile",
    "ied",
    "car_bomb",
    "suicide_bombing",
    "landmine",
    "chemical",
    "gunfire",
    "execution",
    "clashes",
    "territory_change",
    "arrest",
    "other",
]
Direction = Literal["north", "south", "east", "west", "northeast", "northwest", "southeast",
                    "southwest"]
PersonRole = Literal["victim", "target", "perpetrator", "witness"]
Grade = Literal["Confirmed", "Fair", "Weak", "Contested", "Discounted"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Span(RootModel[tuple[int, int]]):
    """[start, end) character offsets into a document's text; JSON: [start, end]."""

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        start, end = self.root
        if start < 0 or end < start:
            raise ValueError(f"span [{start}, {end}) is not a valid character range")
        return self

    @property
    def start(self) -> int:
        return self.root[0]

    @property
    def end(self) -> int:
        return self.root[1]

    @classmethod
    def of(cls, start: int, end: int) -> Span:
        return cls((start, end))

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


def content_hash(text: str, chunk: int = 1 << 20) -> str:
    """Hash of the text as a reader sees it: NFC, whitespace folded, so re-saved copies match.

    The bytes hashed are " ".join(text.split()), folded `chunk` characters at a time: the
    whole text's list of words would be over 100 MB of objects for a 10 MB text."""
    text = unicodedata.normalize("NFC", text)
    digest = hashlib.sha256()
    wrote = space = False  # a word was hashed; whitespace followed the last one
    for start in range(0, len(text), chunk):
        part = text[start:start + chunk]
        words = part.split()
        if words:
            if wrote and (space or part[0].isspace()):
                digest.update(b" ")
            digest.update(" ".join(words).encode("utf-8"))
            wrote, space = True, part[-1].isspace()
        else:
            space = True
    return digest.hexdigest()


class Document(Model):
    id: str = ""
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    publisher: str | None = None
    language: str | None = None
    content_hash: str = ""
    source: str | None = Field(default=None,
                               description="Where it was read from: path, URL, feed item.")

    @model_validator(mode="after")
    def _derive_hash_and_id(self) -> Document:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        if not self.id:
            self.id = "doc-" + self.content_hash[:16]
        return self


class DocumentRef(Model):
    """The document as an extraction result names it (without its text)."""

    id: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None

    @classmethod
    def of(cls, doc: Document) -> DocumentRef:
        return cls(id=doc.id, title=doc.title, url=doc.url, published=doc.published,
                   language=doc.language)


class Mention(Model):
    """A piece of the text: what it says and where."""

    text: str
    span: Span


class Range(Model):
    min: int
    max: int

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min < 0 or self.max < self.min:
            raise ValueError(f"range {self.min}-{self.max} is not a valid count range")
        return self


class Casualties(Model):
    total: Range | None = None
    civilians: Range | None = None
    children: Range | None = None
    women: Range | None = None
    combatants: Range | None = None


class ActorRef(Mention):
    id: str
    name: str


class DateRef(Mention):
    start: date
    end: date
    precision: DatePrecision


class Location(Mention):
    """Where an event happened: a place mention as its event carries it."""

    name: str | None = None
    geonameid: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    precision: int | None = Field(
        default=None, description="ACLED geo_precision: 1 town, 2 near/area, 3 province.")
    direction: Direction | None = Field(
        default=None, description="The side of the place the text names: 'the northern "
                                  "countryside of X', 'east of X', 'ريف X الشمالي'.")


class Place(Location):
    """A place mention, resolved (coordinates) or not (coordinates None, resolved False)."""

    resolved: bool = False


class Target(Mention):
    type: str


class PersonRef(Model):
    name: str
    role: PersonRole
    span: Span


class PersonMention(Model):
    name: str
    span: Span


class SourceRef(Model):
    speaker: str | None = None
    description: str | None = None
    outlet: str | None = None
    quote_span: Span | None = None


class Quote(Mention):
    speaker: str | None = None
    description: str | None = None
    outlet: str | None = None


class ActorMention(Mention):
    id: str


class Event(Model):
    id: str
    event_type: str
    sub_event_type: str
    method: Method
    civilian_targeting: bool = False
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    date: DateRef | None = None
    location: Location | None = None
    targets: list[Target] = Field(default_factory=list)
    killed: Casualties = Field(default_factory=Casualties)
    injured: Casualties = Field(default_factory=Casualties)
    people: list[PersonRef] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    evidence: Mention
    confidence: float = Field(ge=0.0, le=1.0)
    # Background the report recalls (an earlier attack, dated to its own time), not what it
    # reports; it stays an event, but is no candidate for the report's main event.
    recalled: bool = False


class ExtractionResult(Model):
    """What extraction finds in one document; the stable output of `harmwatch extract`."""

    document: DocumentRef
    events: list[Event] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    actors: list[ActorMention] = Field(default_factory=list)
    people: list[PersonMention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    dates: list[DateRef] = Field(default_factory=list)


class IncidentSource(Model):
    """One independent source of an incident and what it claims."""

    document_id: str
    event_id: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    claim: str
    evidence: Mention
    actor1: str | None = None
    killed: Casualties = Field(default_factory=Casualties)
    injured: Casualties = Field(default_factory=Casualties)
    duplicates: list[str] = Field(
        default_factory=list,
        description="Event ids counted with this source: near-identical copies of its text "
                    "and other events of the same document.")


class Incident(Model):
    id: str
    version: int = 1
    event_ids: list[str]
    event_type: str
    sub_event_type: str
    method: Method
    civilian_targeting: bool = False
    actor1: str | None = None
    actor2: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: DatePrecision | None = None
    location: Location | None = None
    targets: list[str] = Field(default_factory=list)
    killed: Casualties = Field(default_factory=Casualties)
    injured: Casualties = Field(default_factory=Casualties)
    fatalities: int = Field(0, description="Conservative single figure as ACLED codes it.")
    grade: Grade = "Weak"
    grade_reasons: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    sources: list[IncidentSource] = Field(default_factory=list)
    notes: str | None = None
    overrides: list[str] = Field(
        default_factory=list,
        description="Fields a person set in review: builds, merges and splits keep them.")
    updated_at: datetime | None = None


class SourceFailure(Model):
    """An input that could not become a Document, and why."""

    source: str
    location: str | None = Field(default=None, description="Line, row or item within the source.")
    reason: str


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A stored event with the document it came from: what incident building groups."""

    event: Event
    document_id: str
    title: str | None
    url: str | None
    publisher: str | None
    language: str | None
    published: date | None
    text: str
