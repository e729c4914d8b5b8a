"""FA-KES scoring: which event is a report's main one."""

from harmwatch.evaluation.fakes import civilian_deaths, lead, most_killed
from harmwatch.model import Casualties, DocumentRef, Event, ExtractionResult, Mention, Span


def _event(number: int, killed: int, recalled: bool = False) -> Event:
    return Event(id=f"d:e{number}", event_type="Explosions/Remote violence",
                 sub_event_type="Air/drone strike", method="air_strike",
                 killed=Casualties(civilians={"min": killed, "max": killed}),
                 evidence=Mention(text="x", span=Span.of(0, 1)), confidence=0.5,
                 recalled=recalled)


def test_recalled_background_is_never_the_main_event():
    result = ExtractionResult(document=DocumentRef(id="d"), events=[
        _event(1, 87, recalled=True), _event(2, 18), _event(3, 5)])
    assert civilian_deaths(most_killed(result)) == 18
    assert civilian_deaths(lead(result)) == 18


def test_a_report_that_only_recalls_still_has_a_main_event():
    result = ExtractionResult(document=DocumentRef(id="d"), events=[_event(1, 87, True)])
    assert civilian_deaths(most_killed(result)) == 87
