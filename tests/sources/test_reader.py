"""Each kind of input becomes Documents; each kind of bad input becomes a failure that says why."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest

from harmwatch.model import Document, SourceFailure
from harmwatch.sources import SourceOptions, read_source

FIXTURES = Path(__file__).parent.parent / "fixtures"
REPORT = ("Air strike kills civilians in Tabqa\n\nAt least 12 civilians were killed on Sunday "
          "when warplanes struck a market in Tabqa, activists said.\n")


def read(path, **options):
    return list(read_source(str(path), SourceOptions(**options)))


def only_document(items) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_failure(items) -> SourceFailure:
    assert len(items) == 1 and isinstance(items[0], SourceFailure), items
    return items[0]


def test_text_file_becomes_a_document_with_title_and_given_date(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    document = only_document(read(path, published=date(2016, 3, 15)))
    assert document.text == REPORT
    assert document.title == "Air strike kills civilians in Tabqa"
    assert document.published == date(2016, 3, 15)
    assert document.language == "en"
    assert document.source == str(path)
    assert document.id == "doc-" + document.content_hash[:16]


def test_directory_is_read_recursively_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First report about shelling in Idlib.")
    (tmp_path / "b" / "c.txt").write_text("Second report about a strike in Raqqa.")
    texts = [item.text for item in read(tmp_path)]
    assert texts == ["First report about shelling in Idlib.",
                     "Second report about a strike in Raqqa."]


def test_arabic_text_is_detected_as_arabic(tmp_path):
    path = tmp_path / "ar.txt"
    path.write_bytes("قتل خمسة مدنيين في قصف جوي على مدينة الرقة".encode("cp1256"))
    document = only_document(read(path))
    assert document.text == "قتل خمسة مدنيين في قصف جوي على مدينة الرقة"
    assert document.language == "ar"


HTML = (FIXTURES / "tabqa-page.html").read_text(encoding="utf-8")


def test_html_page_gives_main_text_title_date_and_publisher(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    document = only_document(read(path))
    assert "12 civilians" in document.text and "national hospital" in document.text
    for boilerplate in ("About us", "newsletter", "Leave a comment", "All rights reserved"):
        assert boilerplate not in document.text
    assert document.title == "Strike on Tabqa market"
    assert document.published == date(2016, 3, 14)
    assert document.publisher == "Raqqa Post"


def test_published_option_dates_only_documents_without_a_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    assert only_document(read(path, published=date(2020, 1, 1))).published == date(2016, 3, 14)
    forced = read(path, published=date(2020, 1, 1), override_published=True)
    assert only_document(forced).published == date(2020, 1, 1)


FEED = (FIXTURES / "feed.xml").read_text(encoding="utf-8")


def test_feed_items_become_documents_and_an_empty_item_a_failure(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(FEED, encoding="utf-8")
    first, second, empty = read(path)
    assert first.text == "Coalition aircraft struck a civilian house in Albu Kamal."
    assert (first.title, first.url, first.published) == (
        "Strike on a house", "https://example.org/a", date(2015, 9, 1))
    assert first.publisher == "Sound and Picture"
    assert second.published == date(2015, 9, 2)
    assert isinstance(empty, SourceFailure)
    assert empty.location == "https://example.org/c" and "no text" in empty.reason


def test_jsonl_batch_uses_named_columns_and_reports_bad_lines_by_number(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"key": "r1", "body": "Shelling hit Douma.", "day": "2016-02-01"}),
             "{not json",
             json.dumps({"key": "r3", "body": ""}),
             json.dumps({"key": "r4", "body": "A car bomb exploded in Azaz."})]
    path.write_text("\n".join(lines) + "\n")
    items = read(path, text_column="body", id_column="key", date_column="day")
    assert [type(i).__name__ for i in items] == ["Document", "SourceFailure", "SourceFailure",
                                                  "Document"]
    assert items[0].id == "r1" and items[0].published == date(2016, 2, 1)
    assert items[1].location == "line 2" and "not valid JSON" in items[1].reason
    assert items[2].location == "line 3" and "'body'" in items[2].reason
    assert items[3].id == "r4"


def test_csv_with_cp1252_and_stray_bytes_loads_with_a_warning_naming_the_row(tmp_path, caplog):
    path = tmp_path / "batch.csv"
    rows = "id,text\n1,Caf\xe9 bombed \x96 five killed\n2,plain row\n3,stray \x81 byte\n"
    path.write_bytes(rows.encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="harmwatch"):
        items = read(path)
    assert [d.text for d in items] == ["Café bombed – five killed", "plain row",
                                       "stray \ufffd byte"]
    assert "row(s) 3" in caplog.text and str(path) in caplog.text


def test_csv_missing_the_named_column_names_the_columns_it_has(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text("id,body\n1,Shelling hit Douma.\n")
    failure = only_failure(read(path))
    assert failure.source == str(path)
    assert "no column 'text'" in failure.reason and "id, body" in failure.reason
    assert "--text-column" in failure.reason


@pytest.mark.parametrize("content, reason", [
    (b"", "the input is empty"),
    (b"   \n\t\n", "the input is empty"),
    (bytes(range(256)) * 8, "binary file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file"),
])
def test_empty_and_binary_files_are_refused_with_the_reason(tmp_path, content, reason):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    failure = only_failure(read(path))
    assert failure.source == str(path) and reason in failure.reason


def test_file_over_the_size_cap_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Shelling hit the town. " * 100)
    failure = only_failure(read(path, max_bytes=1000))
    assert "over the 1000-byte cap" in failure.reason


def test_malformed_html_without_readable_text_is_refused(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body><div><nav><a>Home")
    failure = only_failure(read(path))
    assert "no readable main text" in failure.reason


def test_truncated_html_keeps_the_text_it_has(tmp_path):
    path = tmp_path / "truncated.html"
    path.write_text("<html><body><article><p>Warplanes struck a bakery in Tabqa, killing six "
                    "people, residents said on Sunday.</p><p>The strike")
    assert "bakery in Tabqa" in only_document(read(path)).text


def test_undecodable_text_is_replaced_by_line_and_loads(tmp_path, caplog):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Line one is fine.\nLine two has \xff\xfe\x81 bytes.\n")
    with caplog.at_level(logging.WARNING, logger="harmwatch"):
        document = only_document(read(path))
    assert document.text.startswith("Line one is fine.")
    assert "line(s) 2" in caplog.text


def test_a_feed_that_is_not_a_feed_is_refused(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("<?xml version='1.0'?><note><to>editor</to></note>")
    assert "not an RSS or Atom feed" in only_failure(read(path)).reason


def test_missing_file_is_a_failure(tmp_path):
    assert "no such file" in only_failure(read(tmp_path / "absent.txt")).reason


def test_forcing_a_reader_with_kind(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(HTML)
    assert only_document(read(path, kind="html")).title == "Strike on Tabqa market"
