"""The grade on Airwars' scale, with the reasons for it, and where sources disagree.

Confirmed: a belligerent accepted responsibility for the civilian harm.
Fair: two or more independent sources, and an attacker named (its action likely).
Weak: a single source, or no source names the attacker.
Contested: competing attributions (sources blame different attackers), or casualties also
    attributed to ground forces.
Discounted: those killed were combatants (another party being responsible is a person's call).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from harmwatch.incidents.casualties import describe, differ_by_more_than, total_of
from harmwatch.incidents.rules import Rules
from harmwatch.model import EventRecord, Grade

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Assessment:
    grade: Grade
    reasons: list[str]
    flags: list[str]


def _name(record: EventRecord) -> str:
    return record.publisher or record.title or record.document_id


def admission(record: EventRecord, rules: Rules) -> str | None:
    """The sentence in which the attacker accepts responsibility for civilian harm, if any."""
    lowered = record.text.lower()
    if not any(phrase in lowered for phrase in rules.admission_phrases):
        return None
    actor = record.event.actor1
    actor_words = {w.lower() for w in (actor.id, actor.name, actor.text) if w} if actor else set()
    for sentence in SENTENCE_END.split(record.text):
        low = sentence.lower()
        if (any(phrase in low for phrase in rules.admission_phrases)
                and any(word in low for word in rules.harm_words)
                and (not actor_words or any(word in low for word in actor_words))):
            return sentence.strip()
    return None


def _attackers(sources: Sequence[EventRecord], rules: Rules) -> Counter:
    return Counter(r.event.actor1.id for r in sources
                   if r.event.actor1 and rules.attributed(r.event.actor1.id))


def _combatants_only(sources: Sequence[EventRecord]) -> bool:
    killed = [r.event.killed for r in sources]
    civilians = any((k.civilians and k.civilians.max > 0) or k.children or k.women
                    for k in killed)
    combatants = any(k.combatants and k.combatants.max > 0 for k in killed)
    targeted = any(r.event.civilian_targeting for r in sources)
    return combatants and not civilians and not targeted


def flags(sources: Sequence[EventRecord], rules: Rules) -> list[str]:
    """Where independent sources disagree: counts, attackers, places."""
    found = []
    totals = [(t, _name(r)) for r in sources if (t := total_of(r.event.killed)) is not None]
    if len(totals) > 1:
        low = min(totals, key=lambda t: t[0].min)
        high = max(totals, key=lambda t: t[0].max)
        if differ_by_more_than(low[0].min, high[0].max, rules.disagreement_ratio):
            found.append(f"casualty counts differ by more than half: {describe(low[0])} killed "
                         f"({low[1]}) vs {describe(high[0])} ({high[1]})")
    attackers = _attackers(sources, rules)
    if len(attackers) > 1:
        found.append("different attackers: " + ", ".join(
            f"{actor} ({count} source{'s' * (count > 1)})" for actor, count in attackers.items()))
    places = {(loc.geonameid or (loc.name or loc.text).lower()): loc.name or loc.text
              for r in sources if (loc := r.event.location) is not None}
    if len(places) > 1:
        found.append("different places: " + ", ".join(sorted(set(places.values()))))
    return found


def assess(groups: Sequence[Sequence[EventRecord]], rules: Rules,
           attacker: str | None = None) -> Assessment:
    """Grade an incident from its independent sources (one group of copies each); `attacker`
    is the one a person named in review, which settles competing attributions."""
    sources = [group[0] for group in groups]
    copies = sum(len({r.document_id for r in g}) - 1 for g in groups)
    count = f"{len(sources)} independent source{'s' * (len(sources) != 1)}"
    count += f" ({', '.join(dict.fromkeys(_name(r) for r in sources))})"
    if copies:
        count += f"; {copies} near-identical cop{'ies' if copies > 1 else 'y'} counted once"
    reasons = [count]
    attackers = _attackers(sources, rules)
    named = ", ".join(f"{actor} ({count})" for actor, count in attackers.items()) or "none"
    if attacker is not None:
        attackers = Counter({attacker: len(sources)})
    methods = {r.event.method for r in sources}
    ground = methods & rules.ground_methods
    admitted = next((s for r in sources if (s := admission(r, rules))), None)
    grade: Grade
    if _combatants_only(sources):
        grade = "Discounted"
        reasons.append("those killed were reported as combatants, not civilians")
    elif admitted:
        grade = "Confirmed"
        reasons.append(f"the belligerent accepted responsibility: \"{admitted}\"")
    elif len(attackers) > 1:
        grade = "Contested"
        reasons.append("competing attributions: " + ", ".join(attackers))
    elif ground and methods - ground - rules.unspecific_methods:
        grade = "Contested"
        reasons.append("casualties also attributed to ground forces (" +
                       ", ".join(sorted(ground)) + ")")
    elif len(sources) >= 2 and attackers:
        grade = "Fair"
        reasons.append(f"attacker set in review: {attacker} (the sources named: {named})"
                       if attacker else f"attacker named by {sum(attackers.values())} "
                       "source(s): " + ", ".join(attackers))
    else:
        grade = "Weak"
        reasons.append("a single source" if len(sources) < 2 else "no source names the attacker")
    return Assessment(grade, reasons, flags(sources, rules))
