"""Ingest: idempotent, resumable, and a bad input never costs what is already stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmwatch.ingest import ingest
from harmwatch.model import Document, DocumentRef, ExtractionResult
from harmwatch.sources import SourceOptions, read_sources
from harmwatch.store import DocumentRepository, open_database

GOOD = "Government helicopters dropped barrel bombs on Maskanah, wounding seven people."


@pytest.fixture
def stored(tmp_path, db_url, cli):
    """A database that already holds one document, and a way to check it is unchanged."""
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    assert cli("ingest", path, "--db", db_url, "--no-extract").exit_code == 0
    repository = DocumentRepository(open_database(db_url))
    before = list(repository.all())

    def unchanged() -> bool:
        """Every document stored before is still there, exactly as it was."""
        after = {d.id: d for d in repository.all()}
        return all(after.get(d.id) == d for d in before)

    return db_url, unchanged


BAD_INPUTS = {
    "empty.txt": (b"", "the input is empty"),
    "binary.txt": (bytes(range(256)) * 8, "binary file"),
    "broken.html": (b"<html><head><script>x()</script></head><body><nav><a>Home", "no readable"),
    "bad.jsonl": (b'{"text": "ok report about shelling"}\n{oops\n', "line 2: not valid JSON"),
    "cols.csv": (b"id,body\n1,Shelling hit Douma.\n", "no column 'text'"),
    "notfeed.xml": (b"<?xml version='1.0'?><note>hi</note>", "not an RSS or Atom feed"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_gives_a_clear_error_and_keeps_stored_data(tmp_path, cli, stored, name):
    db_url, unchanged = stored
    content, message = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("ingest", path, "--db", db_url, "--no-extract")
    assert result.exit_code == 1
    assert str(path) in result.stderr and message in result.stderr
    assert unchanged()
    listed = cli("errors", "--db", db_url, "--json").stdout.splitlines()
    [error] = [json.loads(line) for line in listed]
    assert error["source"] == str(path) and message.split(": ")[-1] in error["reason"]


def test_oversized_file_and_unreachable_url_are_reported(tmp_path, cli, stored):
    db_url, unchanged = stored
    big = tmp_path / "big.txt"
    big.write_text("word " * 3_000_000)
    result = cli("ingest", big, "http://127.0.0.1:9/report", "--allow-private",
                 "--db", db_url, "--no-extract")
    assert result.exit_code == 1
    assert "over the" in result.stderr and "cannot fetch" in result.stderr
    assert "failed: 2" in result.stdout
    assert unchanged()


def test_batch_goes_on_past_a_bad_line(tmp_path, db_url, cli):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([json.dumps({"id": "a", "text": "Shelling hit Douma."}),
                               "not json", json.dumps({"id": "c", "text": "A strike hit Azaz."})]))
    result = cli("ingest", path, "--db", db_url, "--no-extract")
    assert result.exit_code == 1
    assert "new: 2" in result.stdout and "failed: 1" in result.stdout
    assert f"{path}:line 2: not valid JSON" in result.stderr
    ids = {d.id for d in DocumentRepository(open_database(db_url)).all()}
    assert ids == {"a", "c"}


def test_same_content_twice_is_stored_once_and_exit_is_zero(tmp_path, db_url, cli):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(GOOD)
    (reports / "b.txt").write_text(GOOD + "\n")
    (reports / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00 not a report")
    first = cli("ingest", reports, "--db", db_url, "--no-extract")
    again = cli("ingest", reports, "--db", db_url, "--no-extract")
    assert first.exit_code == again.exit_code == 0
    assert "new: 1  duplicate: 1" in first.stdout
    assert "new: 0  duplicate: 2" in again.stdout


class Interrupted(Exception):
    pass


def test_an_interrupted_ingest_keeps_what_it_committed_and_resumes(tmp_path, db_url):
    repository = DocumentRepository(open_database(db_url))
    documents = [Document(text=f"Report number {n}: shelling hit the town.") for n in range(40)]
    calls = []

    def crash_after_first_chunk(count: int) -> None:
        calls.append(count)
        raise Interrupted

    with pytest.raises(Interrupted):
        ingest(documents, repository, None, crash_after_first_chunk)
    committed = repository.count()
    assert committed == calls[0] > 0
    summary = ingest(documents, repository)
    assert (summary.new, summary.duplicate) == (40 - committed, committed)
    assert repository.count() == 40


class FailsOn:
    """An extractor that cannot handle one particular document."""

    def __init__(self, bad_text: str):
        self.bad_text = bad_text

    def pipe(self, documents):
        for document in documents:
            if document.text == self.bad_text:
                raise ValueError("cannot parse this")
            yield ExtractionResult(document=DocumentRef.of(document))


def test_extraction_failure_of_one_document_is_recorded_and_the_rest_stored(tmp_path, db_url):
    repository = DocumentRepository(open_database(db_url))
    texts = [f"Report {n} on shelling in Idlib." for n in range(5)]
    summary = ingest([Document(text=t, source=f"r{n}.txt") for n, t in enumerate(texts)],
                     repository, FailsOn(texts[2]))
    assert (summary.new, summary.failed) == (4, 1)
    [(_, failure)] = repository.failures()
    assert failure.source == "r2.txt"
    assert "extraction failed: ValueError: cannot parse this" in failure.reason


def test_published_date_applies_to_undated_documents(tmp_path, db_url, cli):
    path = tmp_path / "r.txt"
    path.write_text(GOOD)
    cli("ingest", path, "--db", db_url, "--published", "2015-09-01", "--no-extract")
    [document] = DocumentRepository(open_database(db_url)).all()
    assert str(document.published) == "2015-09-01"


def test_sources_are_read_in_the_order_given(tmp_path):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(f"Report {name} about an air strike.")
    items = list(read_sources([str(tmp_path / "b.txt"), str(tmp_path / "a.txt")],
                              SourceOptions()))
    assert [i.source for i in items] == [str(tmp_path / "b.txt"), str(tmp_path / "a.txt")]


def test_documents_are_stored_as_they_are_read_and_a_reader_crash_costs_only_its_input(
        tmp_path, db_url, monkeypatch):
    """The stream: a reader that dies after two documents keeps those two and the inputs
    after it; it never takes the whole run down."""
    from harmwatch.sources import Source, register, registry

    def two_then_crash(data, source, options):
        yield Document(text=f"Shelling hit Douma ({source}, 1).")
        yield Document(text=f"Shelling hit Azaz ({source}, 2).")
        raise RuntimeError("the reader broke")

    monkeypatch.setattr(registry, "_registry", dict(registry._registry))
    register(Source("crashy", two_then_crash, suffixes=(".crashy",)))
    (tmp_path / "a.crashy").write_text("x")
    (tmp_path / "b.txt").write_text(GOOD)
    repository = DocumentRepository(open_database(db_url))
    summary = ingest(read_sources([str(tmp_path / "a.crashy"), str(tmp_path / "b.txt")],
                                  SourceOptions()), repository)
    assert (summary.new, summary.failed) == (3, 1)
    [(_, failure)] = repository.failures()
    assert "the reader failed: RuntimeError: the reader broke" in failure.reason


def test_the_progress_bar_knows_how_many_documents_are_coming(tmp_path, db_url, cli):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"text": f"Shelling hit Douma, report {n}."}) + "\n"
                             for n in range(3)))
    feed = Path(__file__).parent / "fixtures" / "feed.xml"
    result = cli("ingest", batch, feed, "--db", db_url, "--no-extract")
    items = feed.read_text().count("<item") + feed.read_text().count("<entry")
    assert f"{3 + items}/{3 + items}" in result.stderr
