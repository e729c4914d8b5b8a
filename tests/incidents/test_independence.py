"""Near-identical texts are one source; differently worded reports are two."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from harmwatch.incidents.independence import independent_groups
from harmwatch.model import EventRecord
from tests.incidents.factory import make_event

words = st.lists(st.sampled_from(["strike", "market", "Tabqa", "killed", "civilians", "the",
                                  "coalition", "aircraft", "said", "residents", "on", "Sunday",
                                  "twelve", "people", "hospital", "wounded", "village"]),
                 min_size=40, max_size=120)


def record(document_id: str, text: str) -> EventRecord:
    return EventRecord(make_event(text, event_id=f"{document_id}:e1"), document_id, None, None,
                       None, "en", date(2016, 3, 14), text)


@settings(max_examples=50, deadline=None)
@given(words, st.text(min_size=0, max_size=40))
def test_a_copy_with_a_new_header_is_the_same_source(body, header):
    text = " ".join(body)
    groups = independent_groups([record("a", text), record("b", f"{header}\n{text}")], 0.8)
    assert len(groups) == 1


def test_different_reports_are_different_sources():
    first = ("At least 12 civilians, including three children, were killed on Sunday when "
             "warplanes struck a crowded market in Tabqa, local activists said.")
    second = ("Coalition aircraft bombed the main market of Tabqa on Sunday; a rights group "
              "counted 15 dead, among them four children, and dozens wounded.")
    assert len(independent_groups([record("a", first), record("b", second)], 0.8)) == 2


def test_arabic_copies_differing_in_spelling_are_one_source():
    from harmwatch.incidents.independence import signature

    plain = "استشهاد ثلاثة مدنيين بينهم طفلان جراء قصف طيران النظام على بلدة كفرنبل بريف إدلب"
    decorated = ("استشهادُ ثلاثةِ مدنيّين بينهم طفلان جرّاء قصـــف طيران النظام على بلدة "
                 "كفرنبل بريف ادلب")
    assert (signature(plain)[0] == signature(decorated)[0]).all()


def test_signatures_are_datasketchs_minhash():
    import zlib

    from datasketch import MinHash

    from harmwatch.incidents.independence import NUM_PERM, SCHEME, minhash, shingles

    for text in ["Jets struck the market in Tabqa on Sunday, killing 12.", "one", "",
                 "استشهاد ثلاثة مدنيين بينهم طفلان جراء قصف طيران النظام على بلدة كفرنبل"]:
        items = shingles(text)
        reference = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashfunc=zlib.crc32)
        reference.update_batch([s.encode("utf-8") for s in items])
        assert (minhash(items) == reference.hashvalues).all()
