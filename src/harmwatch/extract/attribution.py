"""Who acted and who was acted on: the attacker, the attacked and the method of an event.

The attacker is the actor the passive "by ..." names, else the one "of" names right after
the trigger, else the nearest acting actor before the trigger, else the paragraph's, else
one named later; a sentence without events may name the attacker of the one before it
("Residents said the aircraft belonged to the US-led coalition").
"""

from __future__ import annotations

import re

from harmwatch.extract.actors import ActorDictionary
from harmwatch.extract.lexicon import EventLexicon, Trigger
from harmwatch.extract.sentences import Sentence
from harmwatch.model import ActorMention, Event, Span


class Attribution:
    def __init__(self, actors: ActorDictionary, lexicon: EventLexicon):
        self.actors = actors
        self.lexicon = lexicon
        self._clauses = lexicon.clauses

    def receiving(self, text: str, floor: int, actor: ActorMention) -> bool:
        """Whether the words before an actor make it the one attacked ("strikes on ...")."""
        return bool(self._clauses["receiving"].search(
            text, max(floor, actor.span.start - 30), actor.span.start))

    def acting(self, text: str, sentence: Sentence) -> list[ActorMention]:
        return [a for a in sentence.actors if not self.actors.is_civilian(a)
                and not self.receiving(text, sentence.start, a)]

    def next_sentence(self, text: str, sentence: Sentence,
                      previous: list[Event]) -> ActorMention | None:
        """"... warplanes struck a market." then "Residents said the aircraft belonged to
        the US-led coalition.": the actor this sentence names for the strike before it."""
        after = self.lexicon.attribution(text, sentence.start, sentence.end) \
            if any(e.actor1 is None for e in previous) else None
        return next((a for a in sentence.actors if after is not None
                     and a.span.start >= after and not self.actors.is_civilian(a)), None)

    def who_and_how(self, text: str, sentence: Sentence, trigger: Trigger, stop: int,
                    paragraph_actor: ActorMention | None, paragraph_method: str | None
                    ) -> tuple[ActorMention | None, ActorMention | None, str]:
        """The attacker, the attacked, and the method (see docs/extraction.md for the order
        in which each is looked for)."""
        actor1 = self._attacker(text, sentence, trigger) or paragraph_actor or \
            self._named_later(text, sentence, trigger)
        method = trigger.method or self.lexicon.cue(text, sentence.start, sentence.end) or \
            paragraph_method
        if actor1 is None and method in self.lexicon.implied_actors:
            actor1 = self._implied(method, text, trigger)
        actor2 = next((a for a in sentence.actors if trigger.end <= a.span.start < stop
                       and (actor1 is None or a.id != actor1.id)
                       and (self.receiving(text, sentence.start, a) or not text[
                           trigger.end:a.span.start].strip(" ,the"))), None)
        # An air force's strikes are air strikes; its killings ("the army killed 70") are not.
        method = method or (
            "air_strike" if actor1 and self.actors.actors[actor1.id].air
            and not trigger.alone else trigger.default)
        return actor1, actor2, self.lexicon.override(text, sentence.start, sentence.end,
                                                     method)

    def acled(self, trigger: Trigger, method: str, actor1: ActorMention | None,
              civilian: bool) -> tuple[str, str]:
        if trigger.acled:
            return trigger.acled
        if method == "territory_change" and actor1 is not None \
                and self.actors.actors[actor1.id].inter == 1:
            return self.lexicon.state_territory
        if method == "gunfire" and not civilian:
            return self.lexicon.gunfire_combatants
        return self.lexicon.methods[method]

    def _attacker(self, text: str, sentence: Sentence, trigger: Trigger
                  ) -> ActorMention | None:
        # "killed 32 rebels": the rebels were counted among the dead, they did not act.
        candidates = [a for a in sentence.actors if not self.actors.is_civilian(a) and not any(
            c.start <= a.span.start < c.end for c in sentence.casualties)]
        passive, of_agent = self._clauses["passive_agent"], self._clauses["of_agent"]
        new_clause = self._clauses["new_clause"]
        for actor in candidates:  # "a hospital was bombed by coalition aircraft"
            gap = text[trigger.end:actor.span.start]
            if trigger.end <= actor.span.start <= trigger.end + 60 and not new_clause.search(
                    gap) and passive.search(text, max(trigger.end, actor.span.start - 20),
                                            actor.span.start):
                return actor
        for actor in candidates:  # "strikes of the coalition", "control of YPG over"
            gap = text[trigger.end:actor.span.start]
            if actor.span.start >= trigger.end and (of_agent.match(gap) or (
                    trigger.method and trigger.method == "territory_change"
                    and not gap.strip())):
                return actor
        acting = [a for a in candidates if not self.receiving(text, sentence.start, a)]
        before = [a for a in acting if a.span.start < trigger.start
                  and not _object_of_earlier_trigger(text, sentence, a)]
        return before[-1] if before else None

    def _implied(self, method: str, text: str, trigger: Trigger) -> ActorMention:
        """The one actor known to use a weapon (barrel bombs: the Syrian government), named
        by the weapon's own words."""
        return ActorMention(id=self.lexicon.implied_actors[method],
                            text=text[trigger.start:trigger.end],
                            span=Span.of(trigger.start, trigger.end))

    def _named_later(self, text: str, sentence: Sentence, trigger: Trigger
                     ) -> ActorMention | None:
        """Last resort: a headline's "Air raids kill 31" names its attacker later on
        ("... killed in Syrian air force raids"): the first acting actor after the trigger."""
        starts = {t.start for t in sentence.triggers if t.start >= trigger.end}
        passive, killed_in = self._clauses["passive_agent"], self._clauses["killed_in"]
        for actor in sentence.actors:
            if actor.span.start < trigger.end or self.actors.is_civilian(actor):
                continue
            striking = any(actor.span.start < start <= actor.span.end + 2 for start in starts)
            by = passive.search(text, max(sentence.start, actor.span.start - 20),
                                actor.span.start)
            # "Terrorists killed in Syrian Army operations": the killing's agent follows "in".
            agent_in = trigger.alone and actor.span.start - trigger.end <= 12 and \
                killed_in.fullmatch(text, trigger.end, actor.span.start)
            if striking or by or agent_in:
                return actor
        return None


def _object_of_earlier_trigger(text: str, sentence: Sentence, actor: ActorMention) -> bool:
    """An actor after a trigger in the same clause is what was hit, not who struck."""
    for trigger in sentence.triggers:
        if trigger.end > actor.span.start:
            break
        if not re.search(r"[,;]", text[trigger.end:actor.span.start]):
            return True
    return False
