"""From the events of each sentence to the events of a report.

(Just over 300 lines: the steps of one pass, kept together so their order reads in one place.)

The event builder codes every sentence that mentions an attack. A report, though, tells
one attack in its headline, its lead and its body, recalls others, gives a war's toll and
quotes who says what. This pass, run on each ExtractionResult:
- marks context (cumulative tolls, forecasts, generic writing about a weapon, captions, and
  beside the subject, tellings with no harm and no day of their own) as
  `recalled`: kept with their spans, never the subject, never grouped into incidents;
- makes a party that reports or claims a source, never the attacker ("ISIS said at least
  10 people were killed"), and keeps "unidentified aircraft" unknown; a subject left
  without attacker takes the report's first party that acts;
- folds the retellings of one attack (compatible method, actor, place and day) into the
  first telling, each field filled from the retellings, its figures those first told;
- puts the report's subject first, as `<document>:e1` (scored by data/models/main_event.json);
- sets each event's confidence from data/models/confidence.json (see `harmwatch train`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache

from harmwatch.data import data_path, read_yaml
from harmwatch.extract.actors import ActorDictionary
from harmwatch.model import (
    ActorRef,
    Casualties,
    DateRef,
    Event,
    ExtractionResult,
    Location,
    SourceRef,
)

GROUPS = ("total", "civilians", "children", "women", "combatants")
# A date within this many characters of the report's start is its dateline; the attack it
# reports happened that day or up to DATELINE_LAG_DAYS before ("on Saturday").
DATELINE_CHARS = 40
DATELINE_LAG_DAYS = 2
# A report states its main attack and attacker in its first few hundred characters.
LEAD_CHARS = 300
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b")


@dataclass(frozen=True)
class Rules:
    context: dict[str, re.Pattern]
    source_after: re.Pattern
    source_before: re.Pattern
    unidentified: re.Pattern
    victim_object: re.Pattern
    controller_before: re.Pattern
    controller_after: re.Pattern
    side: dict[str, str]
    another_attack: re.Pattern
    retelling: re.Pattern
    family: dict[str, str]
    never_guessed: frozenset[str]
    flying_only: frozenset[str]
    guess_within: int
    same_place_km: float
    main_weights: dict[str, float]
    confidence: dict[str, float]

    @classmethod
    @cache
    def load(cls) -> Rules:
        data = read_yaml(data_path("consolidate.yaml").read_text(encoding="utf-8"))
        models = data_path("models")
        flags = re.IGNORECASE | re.MULTILINE

        def compiled(patterns: list[str]) -> re.Pattern:
            return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
        return cls(
            context={kind: compiled(p) for kind, p in data["context"].items()},
            source_after=re.compile(data["source_after"], re.IGNORECASE),
            source_before=re.compile(data["source_before"], re.IGNORECASE),
            unidentified=re.compile(data["unidentified"], re.IGNORECASE),
            victim_object=re.compile(data["victim_object"], re.IGNORECASE),
            controller_before=re.compile(data["controller_before"], re.IGNORECASE),
            controller_after=re.compile(data["controller_after"], re.IGNORECASE),
            another_attack=re.compile(data["another_attack"], re.IGNORECASE),
            retelling=re.compile(data["retelling"], re.IGNORECASE),
            side={a: name for name, actors in data["sides"].items() for a in actors},
            family={m: name for name, methods in data["families"].items() for m in methods},
            never_guessed=frozenset(data["guess_attacker"]["never"]),
            flying_only=frozenset(data["guess_attacker"]["flying_only"]),
            guess_within=int(data["guess_attacker"]["within_chars"]),
            same_place_km=float(data["same_place_km"]),
            main_weights=json.loads((models / "main_event.json").read_text())["weights"],
            confidence=json.loads((models / "confidence.json").read_text())["rates"])


def consolidate(result: ExtractionResult, text: str) -> ExtractionResult:
    """The report's events: context marked, sources apart, retellings folded, subject first."""
    if not result.events:
        return result
    rules = Rules.load()
    events = [event.model_copy(deep=True) for event in result.events]
    for event in events:
        _unsource(event, text, rules)
        event.recalled = event.recalled or context_kind(event, rules) is not None
    events = _fold(events, rules)
    ordered = _subject_first(events, rules)
    _attribute_subject(ordered[0], result, text, rules)
    for event in ordered[1:]:
        # Beside the subject, a telling with no harm and no day of its own is the story's
        # setting ("warplanes are carrying out air strikes over Aleppo"), not news.
        event.recalled = event.recalled or not (_harm(event) or _dated_here(event))
    doc = result.document.id
    for number, event in enumerate(ordered, 1):
        event.id = f"{doc}:e{number}"
        event.confidence = calibrated(event, rules)
    return result.model_copy(update={"events": ordered})


def context_kind(event: Event, rules: Rules) -> str | None:
    """Which kind of context the event's sentence is, if it reports no event of its own."""
    sentence = event.evidence.text
    for kind, pattern in rules.context.items():
        if pattern.search(sentence):
            return kind
    if event.method == "other" and event.sub_event_type == "Other" and not _harm(event):
        return "uninformative"
    return None


def _role(text: str, start: int, end: int, rules: Rules) -> str | None:
    """'source' for a party that says, claims or reports; 'victim' for one struck, fought
    or holding the place struck; None for a party that may act."""
    floor = max(text.rfind("\n", 0, start) + 1, start - 60)
    if rules.source_after.match(text, end) or rules.source_before.search(text, floor, start):
        return "source"
    if rules.victim_object.search(text, floor, start) or rules.controller_before.search(
            text, floor, start) or rules.controller_after.match(text, end):
        return "victim"
    return None


def _unsource(event: Event, text: str, rules: Rules) -> None:
    """A source or a victim is no attacker; "unidentified aircraft" stay unknown, whoever
    the paragraph named before."""
    actor = event.actor1
    if actor is None:
        return
    role = _role(text, actor.span.start, actor.span.end, rules)
    if role == "source":
        event.sources.append(SourceRef(description=actor.text))
    if role or (not _named_here(event) and rules.unidentified.search(event.evidence.text)):
        event.actor1 = None


def _attribute_subject(subject: Event, result: ExtractionResult, text: str,
                       rules: Rules) -> None:
    """A subject its sentences leave without attacker takes the report's first party that
    may act (not "unidentified"), named near the attack's sentence, that could have used
    its method."""
    if subject.actor1 is not None or rules.unidentified.search(subject.evidence.text) or \
            subject.method in rules.never_guessed:
        return
    flying = _flying_actors() if subject.method in rules.flying_only else None
    mention = next((m for m in result.actors if m.id not in ("civilians", "unknown")
                    and (flying is None or m.id in flying)
                    and abs(m.span.start - subject.evidence.span.start) <= rules.guess_within
                    and _role(text, m.span.start, m.span.end, rules) is None), None)
    if mention is not None:
        subject.actor1 = ActorRef(id=mention.id, name=_actor_names().get(mention.id, mention.id),
                                  text=mention.text, span=mention.span)


@cache
def _flying_actors() -> frozenset[str]:
    return frozenset(a.id for a in ActorDictionary.load().actors.values() if a.air)


@cache
def _actor_names() -> dict[str, str]:
    return {actor.id: actor.name for actor in ActorDictionary.load().actors.values()}


def _named_here(event: Event) -> bool:
    return event.actor1 is not None and \
        event.evidence.span.start <= event.actor1.span.start < event.evidence.span.end


def _dated_here(event: Event) -> bool:
    return event.date is not None and \
        event.evidence.span.start <= event.date.span.start < event.evidence.span.end


def _harm(event: Event) -> bool:
    return any(getattr(c, g) for c in (event.killed, event.injured) for g in GROUPS)


def _compatible(a: Event, b: Event, rules: Rules) -> bool:
    """Could b be a retelling of a? Same family of method, no contradicting actor, place or
    days (what b's sentence says of itself is _first_told's)."""
    if _figures_differ(a, b) and _town(a) != _town(b):
        return False  # "seven killed in Khan Sheikhun", "five killed in Kafr Takharim"
    return _same_attack(a, b, rules)


def _same_attack(a: Event, b: Event, rules: Rules) -> bool:
    """Could b tell a, whatever toll it gives? A sentence naming "the attack" tells one
    already told; its toll is news about it."""
    return _same_family(a, b, rules) and _same_side(a, b, rules) and _same_days(a, b) and \
        _same_place(a, b, rules)


def _same_family(a: Event, b: Event, rules: Rules) -> bool:
    return a.method == b.method or "other" in (a.method, b.method) or (
        rules.family.get(a.method) is not None
        and rules.family.get(a.method) == rules.family.get(b.method))


def _same_side(a: Event, b: Event, rules: Rules) -> bool:
    return not (_actor(a) and _actor(b)) or _actor(a) == _actor(b) or \
        rules.side.get(_actor(a), _actor(a)) == rules.side.get(_actor(b), _actor(b))


def _figures_differ(a: Event, b: Event) -> bool:
    x = a.killed.total or a.killed.civilians
    y = b.killed.total or b.killed.civilians
    return x is not None and y is not None and x != y


def _town(event: Event) -> str | None:
    where = event.location
    return (where.name or where.text) if where is not None and where.precision == 1 else None


def _actor(event: Event) -> str | None:
    return event.actor1.id if event.actor1 and event.actor1.id != "unknown" else None


def _same_days(a: Event, b: Event) -> bool:
    """One day, one event: day-precise dates must agree; a full date opening the report
    holds that day and the two before it; a month or year holds any day within it; "two days
    earlier" is another attack, though its week-long range overlaps."""
    if a.date is None or b.date is None:
        return True
    if _dateline(a.date) or _dateline(b.date):
        return _on_or_shortly_before(b.date, a.date) if _dateline(a.date) \
            else _on_or_shortly_before(a.date, b.date)
    coarse = {"month", "year"}
    if a.date.precision in coarse or b.date.precision in coarse:
        return a.date.start <= b.date.end and b.date.start <= a.date.end
    # A day its own sentence gives must agree; one the paragraph gave it holds a day either side.
    own_days = a.date.precision == b.date.precision == "day" and _dated_here(a) and \
        _dated_here(b)
    slack = 0 if own_days else 1
    return abs((a.date.start - b.date.start).days) <= slack and \
        abs((a.date.end - b.date.end).days) <= slack


def _dateline(when: DateRef) -> bool:
    """A full date opening the report ("Sun 05 Jul 2015 22 dead in ...") dates the report,
    not the attack, which happened that day or shortly before."""
    return when.span.start < DATELINE_CHARS and bool(_YEAR.search(when.text))


def _on_or_shortly_before(when: DateRef, dateline: DateRef) -> bool:
    return when.start <= dateline.end and \
        (dateline.start - when.end).days <= DATELINE_LAG_DAYS


def _same_place(a: Event, b: Event, rules: Rules) -> bool:
    """Places contradict only where both are resolved (an unresolved name is no evidence)."""
    here, there = a.location, b.location
    if here is None or there is None or here.lat is None or there.lat is None:
        return True
    if here.precision == there.precision == 1:
        return _km(here.lat, here.lon, there.lat, there.lon) <= rules.same_place_km
    return not (here.admin1 and there.admin1) or here.admin1 == there.admin1


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (extract may not import geo; this is its one use here)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


def _fold(events: list[Event], rules: Rules) -> list[Event]:
    """Each reported event joins the first earlier one it may retell; context stays apart."""
    kept: list[Event] = []
    for event in events:
        first = None if event.recalled else _first_told(kept, event, rules)
        if first is None:
            kept.append(event)
        else:
            _absorb(first, event)
    return kept


def _first_told(kept: list[Event], event: Event, rules: Rules) -> Event | None:
    """The first kept telling `event` may retell. "Another attack" retells nothing outside
    its own sentence, and "the attack" one whatever toll it gives; the sentence is searched
    once per event, not once per pair, so a long report's thousands of events fold in
    seconds."""
    told = (k for k in kept if not k.recalled)
    if rules.another_attack.search(event.evidence.text):
        told = (k for k in told if k.evidence.span.start == event.evidence.span.start)
    fits = _same_attack if rules.retelling.search(event.evidence.text) else _compatible
    return next((k for k in told if fits(k, event, rules)), None)


def _absorb(first: Event, retelling: Event) -> None:
    if first.method == "other" and retelling.method != "other":
        first.method, first.event_type = retelling.method, retelling.event_type
        first.sub_event_type = retelling.sub_event_type
    if first.actor1 is None and _named_here(retelling):
        # An attacker the builder took from a retelling's neighbours is no telling of it.
        first.actor1 = retelling.actor1
    for name in ("actor2", "date", "location"):
        if getattr(first, name) is None:
            setattr(first, name, getattr(retelling, name))
    if first.date is not None and _dateline(first.date) and retelling.date is not None \
            and not _dateline(retelling.date):
        first.date = retelling.date  # the body's "on Saturday" dates the attack itself
    if _more_precise(retelling.location, first.location):
        # The headline's "Raqqa countryside" is the lead's town of Tabqa, told more exactly.
        first.location = retelling.location
    first.civilian_targeting = first.civilian_targeting or retelling.civilian_targeting
    first.targets += [t for t in retelling.targets if t.text not in {x.text for x in first.targets}]
    first.people += [p for p in retelling.people if p.name not in {x.name for x in first.people}]
    first.sources += [s for s in retelling.sources if s not in first.sources]
    first.killed = _told_first(first.killed, retelling.killed)
    first.injured = _told_first(first.injured, retelling.injured)


def _more_precise(place: Location | None, than: Location | None) -> bool:
    return (place is not None and than is not None and place.lat is not None
            and place.precision is not None and than.precision is not None
            and place.precision < than.precision)


def _told_first(a: Casualties, b: Casualties) -> Casualties:
    """The first telling's figures, whole: a retelling restates a toll, it does not add to
    it, and groups taken from different tellings would not add up."""
    return a if any(getattr(a, group) for group in GROUPS) else b


def main_features(event: Event, rank: int) -> dict[str, float]:
    """What the subject scorer weighs: the order of telling and what the event says."""
    killed = event.killed.civilians or event.killed.total
    return {
        "bias": 1.0,
        "first": float(rank == 0),
        "rank": math.log1p(rank),
        "killed": float(killed is not None and killed.max > 0),
        "log_killed": math.log1p(killed.min) if killed else 0.0,
        "civilian": float(event.civilian_targeting or event.killed.civilians is not None),
        "actor": float(event.actor1 is not None),
        "place": float(event.location is not None),
        "date": float(event.date is not None),
        "other": float(event.method == "other"),
        "recalled": float(event.recalled),
    }


def main_score(features: dict[str, float], weights: dict[str, float]) -> float:
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def _subject_first(events: list[Event], rules: Rules) -> list[Event]:
    scores = [main_score(main_features(e, i), rules.main_weights) for i, e in enumerate(events)]
    best = max(range(len(events)), key=lambda i: (scores[i], -i))
    return [events[best], *events[:best], *events[best + 1:]]


def confidence_key(event: Event) -> str:
    """The bucket an event's confidence is read from: how it was found, not what it says."""
    actor = "context" if event.actor1 else "none"
    if _named_here(event):  # named with the attack, in the report's headline and lead or later
        actor = "lead" if event.actor1.span.start < LEAD_CHARS else "sentence"
    if event.actor1 is not None:  # armies and air forces are named more surely than groups
        actor += "-air" if event.actor1.id in _flying_actors() else "-ground"
    method = "other" if event.method == "other" else \
        "fighting" if Rules.load().family.get(event.method) == "fighting" else "named"
    figure = "figure" if (event.killed.total or event.killed.civilians) else "nofigure"
    return f"{actor}|{method}|{figure}"


def calibrated(event: Event, rules: Rules) -> float:
    """The fitted share right for events found this way (the lowest fitted share for a way
    no subject was found); a recalled event's is halved (background, and no subject it was
    fitted on was)."""
    rate = rules.confidence.get(confidence_key(event), min(rules.confidence.values(),
                                                           default=event.confidence))
    return round(rate / 2 if event.recalled else rate, 2)
