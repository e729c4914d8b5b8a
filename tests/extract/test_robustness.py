"""Hostile input: casefolding, calendar edges, obfuscated words, very long texts, fuzz."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from harmwatch.extract import Extractor, TextTooLong
from harmwatch.extract import segments as segments_module
from harmwatch.extract.actors import ActorDictionary
from harmwatch.extract.dates import find_dates
from harmwatch.model import Document
from harmwatch.sources import checks as checks_module
from harmwatch.text.offsets import drop_in_word_marks, original_span


@pytest.fixture(scope="module")
def extractor():
    return Extractor.load()


def test_a_dotted_capital_i_does_not_break_actor_lookup():
    found = ActorDictionary.load().find("Forces backed by İran shelled the town; IRAN denied it.")
    assert [(a.id, a.text) for a in found] == [("iran", "İran"), ("iran", "IRAN")]


@given(st.lists(st.sampled_from(["İran", "Iran", "ıran", "ISIS", "Daesh", "ǅ", "ß", "ﬁ", "K",
                                 "Turkey's", "the", " ", ",", "\u0307", "Assads"]),
                max_size=12), st.booleans())
def test_actor_lookup_survives_any_casing(words, upper):
    text = " ".join(w.upper() if upper else w for w in words)
    for mention in ActorDictionary.load().find(text):
        assert mention.span.slice(text) == mention.text


@pytest.mark.parametrize("published", [date(1, 1, 1), date(9999, 12, 31)])
def test_calendar_edges_never_overflow(extractor, published):
    text = ("Two days ago, yesterday and last week, three months ago and last year, on Monday "
            "in December: jets struck Raqqa. Two days earlier shelling hit Douma. In March a "
            "few days later an air strike killed 5 civilians.")
    result = extractor.extract(Document(text=text, published=published))
    assert result.events
    for found in find_dates(text, published):
        assert found.span.slice(text) == found.text


def test_a_vague_count_of_days_is_a_range():
    found, = find_dates("a few days ago", date(2016, 3, 10))
    assert (found.start, found.end) == (date(2016, 3, 5), date(2016, 3, 8))


def test_obfuscated_words_match_and_spans_point_into_the_original(extractor):
    text = "Russian warplanes struck a mar*ket in Idlib, kil\u200bling 12 civi·lians. k.illed"
    view, offsets = drop_in_word_marks(text)
    assert view == "Russian warplanes struck a market in Idlib, killing 12 civilians. killed"
    assert len(offsets) == len(view) + 1 and offsets[-1] == len(text)
    assert original_span(offsets, view.index("market"), view.index("market") + 6) == (
        text.index("mar*ket"), text.index("mar*ket") + 7)
    event = extractor.extract(Document(text=text, published=date(2016, 3, 2))).events[0]
    assert event.targets[0].text == "mar*ket" and event.killed.civilians.min == 12
    assert event.evidence.span.slice(text) == event.evidence.text
    assert event.evidence.text.startswith("Russian") and "civi·lians" in event.evidence.text


def test_abbreviations_and_domains_are_not_obfuscation():
    text = "At 3 a.m. (e.g. sana.sy) the U.S. said"
    assert drop_in_word_marks(text)[0] == text


PARAGRAPH = ("On {n} March, Russian warplanes struck a market in Idlib, killing {n} civilians "
             "and wounding 4 others, residents said.\n\n")


def test_long_documents_are_read_in_windows_with_the_same_events(extractor, monkeypatch):
    text = "".join(PARAGRAPH.format(n=n) for n in range(1, 25))
    document = Document(text=text, published=date(2016, 3, 30))
    whole = extractor.extract(document)
    monkeypatch.setattr(segments_module, "WINDOW", 400)
    monkeypatch.setattr(segments_module, "CONTEXT", 150)
    assert len(segments_module.windows(text)) > 5
    windowed = extractor.extract(document)
    assert windowed.model_dump() == whole.model_dump()
    assert [e.id for e in windowed.events] == [f"{document.id}:e{n}" for n in range(1, 25)]


def test_spacy_never_holds_more_than_a_window_of_a_long_document(extractor, monkeypatch):
    """Finding 9 at its root: memory follows the longest text spaCy is handed at once."""
    handed: list[int] = []
    make_doc = Language.make_doc

    def recording(nlp, text):
        handed.append(len(text))
        return make_doc(nlp, text)

    monkeypatch.setattr(Language, "make_doc", recording)
    text = "".join(PARAGRAPH.format(n=n % 28 + 1) for n in range(1_300))  # about 160,000
    assert extractor.extract(Document(text=text, published=date(2016, 3, 30))).events
    assert len(text) > 150_000 and handed and max(handed) <= 52_000


def test_a_text_past_the_cap_is_refused_with_its_reason(extractor, monkeypatch):
    monkeypatch.setattr(checks_module, "MAX_CHARACTERS", 100)
    with pytest.raises(TextTooLong, match="at most 100"):
        extractor.extract(Document(text="Shelling hit Douma. " * 10))


WORDS = ["Russian", "warplanes", "struck", "a", "market", "in", "Idlib", "killing", "12",
         "civilians", "including", "three", "children", "yesterday", "on", "Monday", "“", "”",
         "said", "Abu", "Hasan", ",", ".", "\n", "the", "coalition", "İran", "kil*led", "by",
         "dozens", "at least", "2015", "September", "barrel", "bombs", "IS", "took", "control",
         "of", "Raqqa", "'s", "(", ")", "-", "two days earlier", "no casualties", "ﬁ", "\u200b"]


@settings(max_examples=40, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60),
       st.one_of(st.none(), st.dates()))
def test_whole_documents_never_fail_and_spans_slice_their_text(extractor, words, published):
    text = " ".join(words)
    if not text.strip():
        return
    result = extractor.extract(Document(text=text, published=published, language="en"))
    mentions = [*result.actors, *result.places, *result.dates, *result.quotes]
    for event in result.events:
        mentions += [event.evidence, *event.targets,
                     *(m for m in (event.actor1, event.actor2, event.date, event.location) if m)]
    for mention in mentions:
        assert mention.span.slice(text) == mention.text
    for person in result.people:
        assert person.span.slice(text) == person.name
