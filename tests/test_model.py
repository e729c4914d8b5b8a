"""The shared data model: exact JSON round-trips and valid spans."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from harmwatch.model import (
    ActorRef,
    Casualties,
    DateRef,
    Document,
    DocumentRef,
    Event,
    ExtractionResult,
    Location,
    Mention,
    Range,
    Span,
    Target,
    content_hash,
)

TEXT = "Coalition aircraft bombed Aisha hospital in Albu Kamal on Tuesday, killing three civilians."


def sample_result() -> ExtractionResult:
    document = Document(text=TEXT, published=date(2015, 9, 1), title="Strike")
    event = Event(
        id=f"{document.id}:e1", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", method="air_strike", civilian_targeting=True,
        actor1=ActorRef(id="coalition", name="International coalition", text="Coalition",
                        span=Span.of(0, 9)),
        date=DateRef(text="on Tuesday", span=Span.of(55, 65), start=date(2015, 8, 25),
                     end=date(2015, 8, 25), precision="day"),
        location=Location(text="Albu Kamal", span=Span.of(44, 54), name="Abu Kamal",
                          lat=34.45, lon=40.92, admin1="Deir ez-Zor", country="SY", precision=1),
        targets=[Target(type="hospital", text="Aisha hospital", span=Span.of(26, 40))],
        killed=Casualties(total=Range(min=3, max=3), civilians=Range(min=3, max=3)),
        evidence=Mention(text=TEXT, span=Span.of(0, len(TEXT))), confidence=0.8)
    return ExtractionResult(document=DocumentRef.of(document), events=[event])


def test_extraction_result_round_trips_exactly_through_json():
    result = sample_result()
    again = ExtractionResult.model_validate_json(result.model_dump_json())
    assert again == result
    assert again.model_dump_json() == result.model_dump_json()


def test_spans_serialise_as_pairs_and_slice_the_quoted_text():
    result = sample_result()
    data = result.model_dump(mode="json")
    assert data["events"][0]["location"]["span"] == [44, 54]
    for mention in (result.events[0].location, result.events[0].targets[0],
                    result.events[0].actor1, result.events[0].date):
        assert mention.span.slice(TEXT) == mention.text


@pytest.mark.parametrize("bad", [(-1, 3), (5, 2)])
def test_invalid_spans_are_rejected(bad):
    with pytest.raises(ValidationError, match="not a valid character range"):
        Span(bad)


def test_ranges_must_be_ordered():
    with pytest.raises(ValidationError, match="not a valid count range"):
        Range(min=5, max=2)


def test_unknown_fields_are_rejected_so_typos_do_not_pass_silently():
    with pytest.raises(ValidationError):
        Document(text="x", titel="typo")


@given(st.text(min_size=1))
def test_document_round_trips_and_derives_id_from_content(text):
    document = Document(text=text)
    assert Document.model_validate_json(document.model_dump_json()) == document
    assert document.id == "doc-" + content_hash(text)[:16]


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1))
def test_content_hash_ignores_whitespace_layout(text):
    assert content_hash(text) == content_hash("  " + text.replace(" ", "\n ") + "\n")


SPACES = ["a", "é", "e", "\u0301", " ", "\n", "\t", "\x1c", "\x85", "\u00a0", "\u2003", "\u200b",
          "\u3000"]


@given(st.text(alphabet=st.sampled_from(SPACES), max_size=30))
def test_content_hash_folds_whitespace_exactly_as_str_split(text):
    """Stored hashes stay valid: the fold is str.split's, whatever the whitespace and
    wherever the chunks are cut."""
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    expected = hashlib.sha256(folded.encode("utf-8")).hexdigest()
    assert content_hash(text) == expected
    assert all(content_hash(text, chunk=n) == expected for n in (1, 2, 3, 7))
