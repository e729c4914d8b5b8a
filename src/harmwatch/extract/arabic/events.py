"""Events from the mentions of one Arabic document: one event per sentence that reports an
attack or a toll, its attacker, method, targets, casualties, date, place and sources.

A sentence with a toll and no attack word completes the event before it in the paragraph
("... وأوقعت عدداً من القتلى"); what a sentence leaves unsaid (date, place, attacker) is
taken from the paragraph, then from the document's first event (the headline's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from harmwatch.extract.arabic.casualties import SentenceHarm
from harmwatch.extract.arabic.lexicon import Hit
from harmwatch.model import Casualties, Range

RECALL_DAYS = 7


@dataclass
class Sentence:
    start: int  # view offsets
    end: int
    paragraph: int


@dataclass
class Draft:
    """An event before it is turned into the model's Event (view offsets)."""

    sentence: Sentence
    method: str | None
    trigger: Hit | None
    actor: Hit | None = None
    killed: Casualties = field(default_factory=Casualties)
    injured: Casualties = field(default_factory=Casualties)
    targets: list[Hit] = field(default_factory=list)
    date: object | None = None  # FoundDate
    place: object | None = None  # (Place, precision)
    recalled: bool = False


def sentences(view: str) -> list[Sentence]:
    """Sentences cut at full stops, question and exclamation marks and line breaks."""
    found, paragraph, start = [], 0, 0
    for index, char in enumerate(view + "\n"):
        if char in ".!?;\n" and not (char == "." and index + 1 < len(view)
                                       and view[index + 1].isdigit()):
            if view[start:index].strip():
                found.append(Sentence(start, index, paragraph))
            if char == "\n":
                paragraph += 1
            start = index + 1
    return found


def apply_harm(draft: Draft, harm: SentenceHarm) -> None:
    killed = [p for p in harm.phrases if p.kind == "killed"]
    injured = [p for p in harm.phrases if p.kind == "injured"]
    if killed and draft.killed.total is None:
        draft.killed = killed[0].casualties
    if injured and draft.injured.total is None:
        draft.injured = injured[0].casualties
    if harm.none and not harm.phrases:
        nobody = Range(min=0, max=0)
        draft.killed = draft.killed if draft.killed.total else Casualties(total=nobody)
        draft.injured = draft.injured if draft.injured.total else Casualties(total=nobody)


def choose_actor(actors: list[Hit], sentence: Sentence, trigger: Hit | None, view: str,
                 lexicon, speakers: list[tuple[int, int]], air_actors: set[str]) -> Hit | None:
    """The attacker: named after "نفذه"/"من قبل"/"التابعة لـ", else an air power supporting
    the operation ("بمساندة التحالف"), else next to the attack word, else the first actor
    of the sentence that is neither a victim nor the one speaking."""
    inside = [a for a in actors if sentence.start <= a.start < sentence.end
              and not any(s <= a.start < e for s, e in speakers)]
    if not inside:
        return None
    for actor in inside:
        if lexicon.attribution.search(view, max(0, actor.start - 30), actor.start):
            return actor
    for actor in inside:
        if actor.key in air_actors and lexicon.support.search(view, max(0, actor.start - 30),
                                                               actor.start):
            return actor
    free = [a for a in inside
            if not lexicon.victim.search(view, max(0, a.start - 30), a.start)]
    for first, second in pairwise(free):
        # "قسد والتحالف الدولي يعتقلان": a joint operation is the air power's
        if view[first.end:second.start].strip() == "و" and second.key in air_actors \
                and first.key not in air_actors:
            return second
    if trigger:
        near = [a for a in free if 0 <= a.start - trigger.end <= 25 or a.end == trigger.start]
        if near:
            return near[0]
    return free[0] if free else None


def actor_before(actors: list[Hit], position: int, view: str, lexicon) -> Hit | None:
    """The last actor named before `position` that is not a victim: a headline's
    "تصعيد روسي" names the attacker of the strikes told after it."""
    for actor in reversed([a for a in actors if a.end <= position]):
        if not lexicon.victim.search(view, max(0, actor.start - 30), actor.start):
            return actor
    return None


def recalled(draft: Draft, published: date | None, view: str, lexicon) -> bool:
    when = draft.date
    if when is not None and published is not None and (published - when.first).days > RECALL_DAYS:
        return True
    return bool(lexicon.recall.search(view, draft.sentence.start, draft.sentence.end))
