"""eval events matching, the Airwars coding and baselines, and confidence fitting."""

from datetime import date

from harmwatch.evaluation import airwars, calibration
from harmwatch.evaluation.events import GoldEvent, Prediction, Tally, read_gold, score_article
from harmwatch.evaluation.fakes import subject
from harmwatch.evaluation.split import part_of
from harmwatch.model import Casualties, DocumentRef, Event, ExtractionResult, Mention, Span


def test_copies_and_sentences_without_event_are_told_apart():
    gold = [GoldEvent("air_strike", "russia", 18, [(0, 40), (100, 140)]),
            GoldEvent("ied", "unknown", 1, [(300, 340)])]
    tally = Tally()
    score_article(tally, [Prediction((0, 50), "air_strike", "russia", 18),
                          Prediction((100, 150), "air_strike", "russia", 18),
                          Prediction((200, 250)),
                          Prediction((290, 345), "ied", "opposition", 1)], gold)
    assert (tally.matched, tally.copies, tally.no_event) == (2, 1, 1)
    assert tally.precision == 0.5 and tally.recall == 1.0
    assert tally.right == {"method": 2, "actor": 1, "killed": 2}


def test_shipped_gold_is_40_check_articles_of_spans_only():
    gold = read_gold()
    assert len(gold) == 40 and all(part_of(a) == "check" for a in gold)
    spans = [s for events in gold.values() for e in events for s in e.evidence]
    assert all(0 <= start < end for start, end in spans)


def test_airwars_baseline_reads_the_first_number_before_a_killing_word():
    mapping = airwars.AirwarsMapping.load()
    assert mapping.first_killed("On Monday, 3 civilians were killed and 5 injured") == 3
    assert mapping.first_killed("استشهاد ٤ مدنيين بينهم طفل") == 0
    assert mapping.first_killed("قصف أدى إلى ٤ قتلى") == 4
    assert mapping.first_killed("no figure at all") == 0
    assert mapping.places.governorate("Al Hassakah") == "hasakeh"
    assert mapping.places.first_governorate("قصف على ريف إدلب") == "idlib"


def test_airwars_coding_reads_ranges_and_several_belligerents(tmp_path):
    path = tmp_path / "incidents.jsonl"
    path.write_text('{"incident": "a-1", "date": "2023-10-05", "region": "Idlib", "lat": null, '
                    '"lon": null, "belligerent": "Russian Military, Iranian Military", '
                    '"civ_killed_min": 1, "civ_killed_max": 2}\n'
                    '{"incident": "a-2", "date": null, "region": null, "lat": 36.1, "lon": 37.2, '
                    '"belligerent": "YPG", "civ_killed_min": null, "civ_killed_max": null}\n',
                    encoding="utf-8")
    codings = airwars.read_codings(path)
    assert codings["a-1"].belligerents == {"Russian Military", "Iranian Military"}
    assert codings["a-1"].killed == (1, 2) and codings["a-1"].date == date(2023, 10, 5)
    assert codings["a-2"].killed == (0, 0) and codings["a-2"].point == (36.1, 37.2)


def test_confidence_fit_is_the_smoothed_share_right():
    rates = calibration.fit([("a", True), ("a", True), ("a", False), ("b", False)])
    assert rates == {"a": 0.6, "b": 0.333}
    bins = calibration.reliability([("a", 0.85, True), ("a", 0.82, False), ("b", 0.3, True)])
    assert (bins[-1].events, bins[-1].right, bins[0].events) == (2, 1, 1)


def test_airwars_civilians_killed_is_never_a_combatant_toll():
    text = "Two SDF fighters were killed in a drone strike."
    event = Event(id="d:e1", event_type="Explosions/Remote violence",
                  sub_event_type="Air/drone strike", method="drone_strike",
                  killed=Casualties(total={"min": 2, "max": 2}, combatants={"min": 2, "max": 2}),
                  evidence=Mention(text=text, span=Span.of(0, len(text))), confidence=0.5)
    result = ExtractionResult(document=DocumentRef(id="d"), events=[event])
    tally = airwars.Tally()
    source = airwars.Source("s", "a-1", "en", None, text)
    coding = airwars.Coding(None, None, None, {"Turkish Military"}, (0, 0))
    airwars.Scorer(subject).score(tally, source, coding, result)
    assert tally.hits["civilians_killed"] == 1
