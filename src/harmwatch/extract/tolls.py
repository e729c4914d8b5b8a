"""Casualty assembly: a sentence's counts added to the event they belong to, restated
tolls never added twice."""

from __future__ import annotations

from harmwatch.extract.casualties import CasualtyReader, total
from harmwatch.extract.sentences import Sentence
from harmwatch.model import Casualties, Event

GROUPS = ("total", "civilians", "children", "women", "combatants")


def add_casualties(reader: CasualtyReader, text: str, sentence: Sentence, event: Event) -> None:
    mentions = sentence.casualties
    if not mentions:
        if reader.says_none(text, sentence.start, sentence.end):
            nobody = Casualties(total={"min": 0, "max": 0})
            event.killed = event.killed if event.killed.total else nobody
            event.injured = event.injured if event.injured.total else nobody
        return
    event.killed = merge(event.killed, total(mentions, "killed"))
    event.injured = merge(event.injured, total(mentions, "injured"))


def merge(old: Casualties, new: Casualties) -> Casualties:
    """Per group, the larger figure: a later sentence restating a toll does not add to it."""
    merged = {}
    for group in GROUPS:
        a, b = getattr(old, group), getattr(new, group)
        merged[group] = b if a is None or (b is not None and (b.min, b.max) > (a.min, a.max)) \
            else a
    return Casualties(**merged)
