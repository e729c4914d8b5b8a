"""consolidate: one event per reported attack, context kept apart, sources never attackers."""

from datetime import date

import pytest

from harmwatch.extract import Extractor
from harmwatch.extract.consolidate import consolidate
from harmwatch.model import (
    ActorMention,
    ActorRef,
    Casualties,
    DateRef,
    DocumentRef,
    Event,
    ExtractionResult,
    Location,
    Mention,
    Span,
)


def _event(text: str, sentence: str, method: str = "air_strike", actor: str | None = None,
           killed: int | None = None, day: date | None = None, number: int = 1) -> Event:
    start = text.index(sentence)
    actor_ref = None
    if actor:
        at = text.index(actor, start)
        actor_ref = ActorRef(id={"ISIS": "islamic_state", "US forces": "coalition",
                                 "regime": "syrian_government"}[actor], name=actor,
                             text=actor, span=Span.of(at, at + len(actor)))
    when = DateRef(text="x", span=Span.of(start, start + 1), start=day, end=day,
                   precision="day") if day else None
    return Event(id=f"d:e{number}", event_type="Explosions/Remote violence",
                 sub_event_type="Air/drone strike", method=method, actor1=actor_ref,
                 date=when, killed=Casualties(total={"min": killed, "max": killed})
                 if killed is not None else Casualties(),
                 evidence=Mention(text=sentence, span=Span.of(start, start + len(sentence))),
                 confidence=0.5)


def _result(*events: Event) -> ExtractionResult:
    return ExtractionResult(document=DocumentRef(id="d"), events=list(events))


def test_a_party_that_says_is_a_source_not_the_attacker():
    text = "US forces raided a house in Deir Ezzor. ISIS said at least 10 people were killed."
    sentence = "ISIS said at least 10 people were killed."
    result = consolidate(_result(_event(text, sentence, actor="ISIS", killed=10)), text)
    (event,) = result.events
    assert event.actor1 is None or event.actor1.id != "islamic_state"
    assert any(source.description == "ISIS" for source in event.sources)


def test_a_party_counted_among_the_dead_is_no_attacker():
    text = "US forces killed two senior ISIS leaders in a raid on Thursday."
    result = consolidate(_result(_event(text, text, actor="ISIS", killed=2)), text)
    assert result.events[0].actor1 is None or result.events[0].actor1.id == "coalition"


def test_headline_lead_and_body_telling_one_attack_are_one_event():
    text = ("Regime air strikes kill 12 in Idlib. Air strikes by regime warplanes killed 12 "
            "people on Monday. Rescuers said the strikes hit a market.")
    sentences = ["Regime air strikes kill 12 in Idlib.",
                 "Air strikes by regime warplanes killed 12 people on Monday.",
                 "Rescuers said the strikes hit a market."]
    events = [_event(text, s, actor="regime" if i < 2 else None, killed=12 if i < 2 else None,
                     day=date(2016, 5, 9) if i == 1 else None, number=i + 1)
              for i, s in enumerate(sentences)]
    result = consolidate(_result(*events), text)
    reported = [e for e in result.events if not e.recalled]
    assert len(reported) == 1
    assert reported[0].id == "d:e1"
    assert reported[0].killed.total.min == 12
    assert reported[0].date.start == date(2016, 5, 9)


def test_another_attack_and_another_day_stay_apart():
    text = ("Air strikes killed 7 people in Saraqib on Sunday. Another strike killed 4 people "
            "in Binnish on Sunday. A strike killed 3 people on Monday.")
    sentences = ["Air strikes killed 7 people in Saraqib on Sunday.",
                 "Another strike killed 4 people in Binnish on Sunday.",
                 "A strike killed 3 people on Monday."]
    days = [date(2016, 5, 8), date(2016, 5, 8), date(2016, 5, 9)]
    events = [_event(text, s, killed=k, day=d, number=i + 1)
              for i, (s, k, d) in enumerate(zip(sentences, (7, 4, 3), days, strict=True))]
    assert len(consolidate(_result(*events), text).events) == 3


def test_other_before_a_party_or_the_wounded_opens_no_other_attack():
    text = ("Air strikes killed 12 people in Saraqib on Monday. Another activist group said "
            "other people were hurt.")
    lead, retelling = ("Air strikes killed 12 people in Saraqib on Monday.",
                       "Another activist group said other people were hurt.")
    events = [_event(text, lead, killed=12), _event(text, retelling, number=2)]
    assert len(consolidate(_result(*events), text).events) == 1


def _in(event: Event, town: str, lat: float, lon: float) -> Event:
    event.location = Location(text=town, span=event.evidence.span, name=town, lat=lat, lon=lon,
                              admin1="Damascus", precision=1)
    return event


@pytest.mark.parametrize(("second", "told"), [
    ("Six people died in the attack in Bab Sharqi, state media said.", 1),
    ("Shelling killed six people in Bab Sharqi.", 2)])
def test_the_attack_retells_an_attack_whatever_toll_it_gives(second, told):
    """"The attack" with another toll and a nearby district is the same attack; the same
    toll and district without "the" are another."""
    first = "Rebel shelling killed four civilians in Damascus on Sunday."
    text = f"{first} {second}"
    events = [_in(_event(text, first, method="shelling", killed=4), "Damascus", 33.51, 36.29),
              _in(_event(text, second, method="shelling", killed=6, number=2), "Bab Sharqi",
                  33.51, 36.31)]
    result = consolidate(_result(*events), text)
    assert len(result.events) == told and result.events[0].killed.total.min == 4


def test_an_attacker_a_retelling_took_from_its_neighbours_is_not_the_attack_s():
    text = ("Air strikes killed 12 people in Saraqib on Monday. The regime holds the south. "
            "Rescuers said the strikes hit a market.")
    lead, retelling = ("Air strikes killed 12 people in Saraqib on Monday.",
                       "Rescuers said the strikes hit a market.")
    borrowed = _event(text, retelling, number=2)
    at = text.index("regime")
    borrowed.actor1 = ActorRef(id="syrian_government", name="regime", text="regime",
                               span=Span.of(at, at + len("regime")))
    (event,) = consolidate(_result(_event(text, lead, killed=12), borrowed), text).events
    assert event.actor1 is None


def test_a_war_s_toll_is_context_kept_with_its_span():
    text = ("Air strikes killed 7 people in Saraqib on Sunday. The conflict has killed more "
            "than 280,000 people since 2011.")
    toll = "The conflict has killed more than 280,000 people since 2011."
    result = consolidate(_result(
        _event(text, "Air strikes killed 7 people in Saraqib on Sunday.", killed=7,
               day=date(2016, 5, 8)),
        _event(text, toll, method="other", killed=280000, number=2)), text)
    subject, context = result.events
    assert subject.killed.total.min == 7 and not subject.recalled
    assert context.recalled and Span.slice(context.evidence.span, text) == toll


@pytest.fixture(scope="module")
def extractor():
    return Extractor.load()


def test_extracted_report_names_its_subject_first(extractor):
    from harmwatch.model import Document
    text = ("The war in Syria has killed more than 300,000 people since 2011.\n"
            "Warplanes struck a market in Saraqib on Sunday, killing nine civilians. "
            "The strikes on the market in Saraqib also wounded 20 people, medics said.")
    result = extractor.extract(Document(id="t", text=text, published=date(2016, 3, 15)))
    subject = result.events[0]
    assert subject.id == "t:e1" and not subject.recalled
    assert subject.killed.civilians.min == 9
    assert len([e for e in result.events if not e.recalled]) == 1


def _with_actors(result: ExtractionResult, text: str, *names: str) -> ExtractionResult:
    ids = {"rebels": "opposition", "regime": "syrian_government", "Russian": "russia"}
    mentions = [ActorMention(id=ids[name], text=name,
                             span=Span.of(text.index(name), text.index(name) + len(name)))
                for name in names]
    return result.model_copy(update={"actors": mentions})


@pytest.mark.parametrize("method", ["car_bomb", "suicide_bombing", "ied"])
def test_a_bombing_s_maker_is_not_guessed_from_another_sentence(method):
    text = "A car bomb killed 15 people in Homs. The rebels hold the town's outskirts."
    result = _with_actors(_result(_event(text, "A car bomb killed 15 people in Homs.",
                                         method=method, killed=15)), text, "rebels")
    assert consolidate(result, text).events[0].actor1 is None


def test_an_air_strike_is_attributed_only_to_a_party_that_flies():
    text = "An air strike killed 5 medics in a clinic. The rebels and the regime fight nearby."
    strike = _event(text, "An air strike killed 5 medics in a clinic.", killed=5)
    result = consolidate(_with_actors(_result(strike), text, "rebels", "regime"), text)
    assert result.events[0].actor1.id == "syrian_government"


def test_a_party_named_far_from_the_attack_is_background_not_its_attacker():
    strike = "An air strike killed 22 people at a school."
    text = strike + " Aid groups counted the dead." * 30 + " Russian jets bombed Aleppo in 2015."
    result = consolidate(_with_actors(_result(_event(text, strike, killed=22)), text,
                                      "Russian"), text)
    assert result.events[0].actor1 is None


def test_a_dateline_s_day_holds_the_attack_told_as_the_day_before():
    text = ("Sun 05 Jul 2015 22 dead in heavy U.S. raids on Raqqa. "
            "At least 22 people were killed in U.S. air strikes on Raqqa on Saturday.")
    headline, body = text[:text.index(" At")], text[text.index("At"):]
    first = _event(text, headline, killed=22,
                   day=date(2015, 7, 5))
    first.date = first.date.model_copy(update={"text": "05 Jul 2015", "span": Span.of(4, 15)})
    second = _event(text, body, killed=22, day=date(2015, 7, 4), number=2)
    (event,) = consolidate(_result(first, second), text).events
    assert event.date.start == date(2015, 7, 4)


def test_in_addition_to_is_no_other_attack():
    text = ("A rocket hit Damascus on Saturday. The rocket killed one person, in addition to "
            "causing damage, on Saturday.")
    first = _event(text, "A rocket hit Damascus on Saturday.", method="shelling",
                   day=date(2013, 8, 24))
    second = _event(text, text[text.index("The rocket"):], method="shelling", killed=1,
                    day=date(2013, 8, 24), number=2)
    assert len(consolidate(_result(first, second), text).events) == 1


def test_confidence_knows_an_air_force_named_in_the_lead_from_a_group_named_later():
    from harmwatch.extract import confidence_key
    text = "The regime's air strikes killed 12 in Idlib. " + "Rescuers dug. " * 30 + \
        "A car bomb set by rebels killed 3."
    lead = _event(text, "The regime's air strikes killed 12 in Idlib.", actor="regime",
                  killed=12)
    later = _event(text, "A car bomb set by rebels killed 3.", method="car_bomb", killed=3)
    at = text.index("rebels")
    later.actor1 = ActorRef(id="opposition", name="rebels", text="rebels",
                            span=Span.of(at, at + 6))
    assert confidence_key(lead) == "lead-air|named|figure"
    assert confidence_key(later) == "sentence-ground|named|figure"
    assert consolidate(_result(lead), text).events[0].confidence >= 0.8
