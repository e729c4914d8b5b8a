"""Input quirks: encodings and byte order marks, short HTML, embedded IPv4 in IPv6,
implausible publication dates, declared dependencies."""

from __future__ import annotations

import codecs
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest

from harmwatch.errors import FetchRefused, SourceError, UsageError
from harmwatch.sources import SourceOptions, check_published, read_source
from harmwatch.sources.web import check_url
from harmwatch.text.decoding import decode

TEXT = "Shelling hit Douma; 3 killed. قصف على دوما"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                      "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_decoded(encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}.get(encoding, b"")
    assert decode(bom + TEXT.encode(encoding), "x.txt").text == TEXT


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE])
def test_a_file_of_only_a_bom_is_an_empty_document_error(bom):
    with pytest.raises(SourceError, match="empty"):
        decode(bom, "x.txt")


def test_invalid_utf8_is_utf8_with_a_warning_not_mojibake():
    data = ("Les frappes ont tué 3 civils à Douma, selon l'Observatoire. " * 3).encode()
    broken = data[:40] + b"\xff\xfe" + data[40:]
    decoded = decode(broken, "x.txt")
    assert decoded.encoding == "utf-8"
    assert "tué" in decoded.text and "à Douma" in decoded.text
    assert "not valid utf-8" in decoded.warning("x.txt")


def test_malformed_short_html_falls_back_to_its_visible_text(tmp_path: Path):
    page = tmp_path / "post.html"
    page.write_text("<html><body><p>Shelling hit <b>Douma<script>var x=1</script>", "utf-8")
    (document,) = read_source(str(page), SourceOptions())
    assert document.text == "Shelling hit Douma"


@pytest.mark.parametrize("address", ["::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::",
                                     "::ffff:0:7f00:1", "fec0::1", "::ffff:127.0.0.1",
                                     "64:ff9b::a00:1", "2002:c0a8:101::"])
def test_ipv6_addresses_carrying_private_ipv4_are_refused(address):
    with pytest.raises(FetchRefused):
        check_url(f"http://[{address}]/page", allow_private=False)


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31), date(1899, 12, 31),
                                 date.today() + timedelta(days=2)])
def test_implausible_publication_dates_are_refused_clearly(day):
    with pytest.raises(UsageError, match="not a plausible publication date"):
        check_published(day, "--published")


def test_cli_refuses_a_year_one_publication_date(cli, tmp_path: Path):
    report = tmp_path / "r.txt"
    report.write_text("Jets struck Tabqa three days ago, killing 3.", "utf-8")
    result = cli("extract", str(report), "--published", "0001-01-01")
    assert result.exit_code != 0
    assert "not a plausible publication date" in result.output
    assert "Traceback" not in result.output


def test_lxml_html_clean_is_declared():
    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text("utf-8"))["project"]["dependencies"]
    names = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower() for d in declared}
    assert {"lxml", "lxml_html_clean"} <= names


def test_a_guessed_legacy_encoding_is_warned():
    arabic = "قصفت الطائرات مدينة دوما وقتل ثلاثة مدنيين حسب المرصد السوري لحقوق الإنسان"
    decoded = decode(arabic.encode("cp1256"), "x.txt")
    assert decoded.text == arabic
    assert "a guess" in decoded.warning("x.txt")
