"""One row never stops a batch, on SQLite and PostgreSQL alike: each bad row is refused with
its line or row number (in the log and in `harmwatch errors`) and the others are stored."""

from __future__ import annotations

import json
from datetime import date

from harmwatch.ingest import ingest
from harmwatch.model import Document
from harmwatch.store import DocumentRepository, open_database

GOOD = "Government helicopters dropped barrel bombs on Maskanah, wounding seven people."


def lines(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def stored(db_url) -> dict[str, Document]:
    return {d.id: d for d in DocumentRepository(open_database(db_url)).all()}


def errors(cli, db_url) -> list[dict]:
    listed = cli("errors", "--db", db_url, "--json").stdout
    return [json.loads(line) for line in listed.splitlines()]


def test_a_lone_surrogate_fails_its_line_and_the_rest_is_stored(tmp_path, db_url, cli):
    path = tmp_path / "batch.jsonl"
    path.write_text(lines({"id": "a", "text": GOOD}, '{"id": "b", "text": "bad \\ud800 text"}',
                          {"id": "c", "text": "Shelling hit Douma."}))
    result = cli("ingest", path, "--db", db_url, "--no-extract")
    assert result.exit_code == 1
    assert set(stored(db_url)) == {"a", "c"}
    [error] = errors(cli, db_url)
    assert error["location"] == "line 2" and "lone surrogate U+D800" in error["reason"]


def test_nul_characters_are_stripped_with_a_warning(tmp_path, db_url, cli):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(lines({"id": "n", "text": "Shelling\u0000 hit Douma.", "title": "T\u0000"}))
    report = tmp_path / "long.txt"
    report.write_bytes(b"A strike hit Azaz. " * 600 + b"\x00" + b"Four were killed.")
    result = cli("ingest", batch, report, "--db", db_url, "--no-extract")
    assert result.exit_code == 0, result.output
    assert "removed 1 NUL character" in result.stderr
    texts = {d.text for d in stored(db_url).values()}
    assert "Shelling hit Douma." in texts and all("\x00" not in t for t in texts)


def test_an_overlong_id_is_refused_and_a_rerun_refuses_it_again(tmp_path, db_url, cli):
    path = tmp_path / "batch.jsonl"
    path.write_text(lines({"id": "x" * 250, "text": GOOD}, {"id": "ok", "text": "Jets hit Azaz."}))
    for _ in range(2):
        result = cli("ingest", path, "--db", db_url, "--no-extract")
        assert result.exit_code == 1 and "over the 200-character limit" in result.stderr
    assert set(stored(db_url)) == {"ok"}
    assert [e["location"] for e in errors(cli, db_url)] == ["line 1", "line 1"]


def test_a_text_past_the_length_cap_is_refused_with_its_reason_and_the_rest_stored(
        tmp_path, db_url, cli):
    path = tmp_path / "batch.jsonl"
    path.write_text(lines({"id": "book", "text": "Shelling hit Douma. " * 100_001},
                          {"id": "ok", "text": GOOD}))
    result = cli("ingest", path, "--db", db_url, "--no-extract")
    assert result.exit_code == 1
    assert set(stored(db_url)) == {"ok"}
    [error] = errors(cli, db_url)
    assert error["location"] == "line 1"
    assert "2,000,020 characters; harmwatch reads at most 2,000,000" in error["reason"]


def test_a_document_past_the_length_cap_from_any_caller_costs_only_itself(db_url):
    repository = DocumentRepository(open_database(db_url))
    summary = ingest([Document(id="book", text="Jets hit Azaz. " * 140_000, source="book.txt"),
                      Document(id="fine", text=GOOD)], repository)
    assert (summary.new, summary.failed) == (1, 1)
    [(_, failure)] = repository.failures()
    assert failure.source == "book.txt" and "reads at most 2,000,000" in failure.reason


def test_documents_from_any_caller_are_checked_before_the_database(db_url):
    repository = DocumentRepository(open_database(db_url))
    documents = [Document(id="nul", text="Shelling\x00 hit Douma."),
                 Document(id="y" * 201, text="Jets hit Azaz."),
                 Document(id="old", text="A strike hit Raqqa.", published=date(1, 1, 1)),
                 Document(id="fine", text=GOOD)]
    summary = ingest(documents, repository)
    assert (summary.new, summary.failed) == (1, 3)
    reasons = [failure.reason for _, failure in repository.failures()]
    assert "NUL character" in reasons[0] and "200-character" in reasons[1]
    assert "outside 1900-01-01" in reasons[2]


def test_the_same_id_with_another_text_is_refused_loudly(tmp_path, db_url, cli):
    first = tmp_path / "first.jsonl"
    first.write_text(lines({"id": "r1", "text": GOOD}, {"id": "r2", "text": "Jets hit Azaz."},
                           {"id": "r2", "text": "A different report under the same id."}))
    result = cli("ingest", first, "--db", db_url, "--no-extract")
    assert result.exit_code == 1
    again = tmp_path / "again.jsonl"
    again.write_text(lines({"id": "r1", "text": "Yet another text for r1."}))
    assert cli("ingest", again, "--db", db_url, "--no-extract").exit_code == 1
    assert stored(db_url)["r1"].text == GOOD and stored(db_url)["r2"].text == "Jets hit Azaz."
    refused = errors(cli, db_url)
    assert [e["location"] for e in refused] == [None, None]
    assert all("already stored with a different text" in e["reason"] for e in refused)


def test_text_that_is_not_a_string_is_refused_with_its_line(tmp_path, db_url, cli):
    path = tmp_path / "batch.jsonl"
    path.write_text(lines({"id": "l", "text": ["a", "b"]}, {"id": "t", "text": True},
                          {"id": "n", "text": 17}, {"id": "s", "text": GOOD}))
    result = cli("ingest", path, "--db", db_url, "--no-extract")
    assert result.exit_code == 1
    assert f"{path}#l:line 1: column 'text' must be a string, not list" in result.stderr
    assert f"{path}#t:line 2: column 'text' must be a string, not bool" in result.stderr
    assert f"{path}#n:line 3: column 'text' must be a string, not int" in result.stderr
    assert set(stored(db_url)) == {"s"}


def test_publisher_and_dates_come_from_their_columns(tmp_path, db_url, cli):
    path = tmp_path / "batch.csv"
    path.write_text("id,text,outlet,date\n"
                    f"a,\"{GOOD}\",SANA,7/5/15\n"
                    "b,Jets hit Azaz.,SOHR,13/5/2015\n"
                    "c,Shelling hit Douma.,Enab Baladi,\"Sun, 05 Jul 2015 20:37:00 +0300\"\n"
                    "d,A strike hit Raqqa.,,2037 UTC+3\n"
                    "e,A car bomb hit Azaz.,,0001-01-01\n")
    result = cli("ingest", path, "--db", db_url, "--no-extract", "--publisher-column", "outlet",
                 "--date-column", "date")
    assert result.exit_code == 1
    documents = stored(db_url)
    assert {k: (d.publisher, d.published) for k, d in documents.items()} == {
        "a": ("SANA", date(2015, 7, 5)), "b": ("SOHR", date(2015, 5, 13)),
        "c": ("Enab Baladi", date(2015, 7, 5)), "d": (None, None)}
    assert "column 'date' could not be read as a date" in result.stderr
    assert "1 row(s): 4" in result.stderr
    assert "row 5: column 'date': publication date 0001-01-01 is outside" in result.stderr


def test_a_date_format_reads_what_the_defaults_cannot(tmp_path, db_url, cli):
    path = tmp_path / "batch.jsonl"
    path.write_text(lines({"id": "a", "text": GOOD, "published": "05.07.2015 20:37"}))
    args = ("ingest", path, "--db", db_url, "--no-extract")
    assert cli(*args, "--date-format", "%d.%m.%Y %H:%M").exit_code == 0
    assert stored(db_url)["a"].published == date(2015, 7, 5)


def test_an_implausible_published_option_is_a_usage_error(tmp_path, cli):
    path = tmp_path / "r.txt"
    path.write_text(GOOD)
    result = cli("ingest", path, "--published", "9999-12-31", "--db", tmp_path / "h.db")
    assert result.exit_code == 2 and "outside 1900-01-01" in result.stderr


def test_a_value_the_database_refuses_costs_only_its_document(db_url):
    """PostgreSQL enforces column sizes SQLite does not: either way the batch goes on."""
    repository = DocumentRepository(open_database(db_url))
    documents = [Document(id="long-language", text="Jets hit Azaz.", language="x" * 40),
                 Document(id="fine", text=GOOD)]
    summary = ingest(documents, repository)
    assert summary.new + summary.failed == 2 and repository.get("fine") is not None
    if db_url.startswith("postgresql"):
        [(_, failure)] = repository.failures()
        assert failure.reason.startswith("the database refused it: DataError")
