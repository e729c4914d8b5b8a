"""Scoring of the gold-span resolution evaluation (GWN layout, fixture written here)."""

import json

from harmwatch.evaluation.geo import evaluate_corpus, evaluate_places, place_row_id
from harmwatch.evaluation.place_words import evaluate_place_words
from harmwatch.evaluation.split import part_of

TEXT = "Aid from the United States reached Frenchmen Street in Lagos on Monday."


def _toponym(phrase: str, geonameid: str, lat: float, lon: float) -> str:
    start = TEXT.index(phrase)
    return (f"<toponym><extractedName>{phrase}</extractedName><start>{start}</start>"
            f"<end>{start + len(phrase)}</end><geonamesID>{geonameid}</geonamesID>"
            f"<latitude>{lat}</latitude><longitude>{lon}</longitude></toponym>")


def gwn(tmp_path):
    toponyms = "".join([
        # GeoNames' point for the country, 235 km from the one harmwatch uses.
        _toponym("United States", "6252001", 39.76, -98.5),
        # A street: coordinates but no GeoNames id.
        _toponym("Frenchmen Street", "", 29.96, -90.06),
        _toponym("Lagos", "2332459", 6.454, 3.394)])
    path = tmp_path / "GWN.xml"
    path.write_text(f"<articles><article><text>{TEXT}</text><toponyms>{toponyms}</toponyms>"
                    "</article></articles>", encoding="utf-8")
    return path


def _scored(geoparser, tmp_path) -> dict:
    """The fixture's one article, scored in the part of the split it falls in."""
    return evaluate_corpus(geoparser, "GWN", gwn(tmp_path))[part_of("GWN:0")].as_row()


def test_corpus_articles_are_scored_per_part_of_the_fixed_split(geoparser, tmp_path):
    scores = evaluate_corpus(geoparser, "GWN", gwn(tmp_path))
    assert set(scores) == {"write", "check"}
    assert scores[part_of("GWN:0")].toponyms == 3
    other = "write" if part_of("GWN:0") == "check" else "check"
    assert scores[other].toponyms == 0
    assert set(evaluate_corpus(geoparser, "GWN", gwn(tmp_path), part=other)) == {other}


def test_exact_and_acc161_share_the_toponyms_with_an_id(geoparser, tmp_path):
    row = _scored(geoparser, tmp_path)
    assert row["toponyms"] == 3 and row["with_id"] == 2
    assert row["exact"] == 2
    # The same GeoNames feature counts as within 161 km whatever point stands for it, and
    # the street without an id is no miss of the comparable figure.
    assert row["within_161"] == 2 and row["acc161_pct"] == 100.0
    assert row["acc161_all_pct"] == round(100 * 2 / 3, 1)
    assert row["acc161_pct"] >= row["exact_pct"]


def test_end_to_end_finds_and_places_the_toponyms_from_the_text_alone(geoparser, tmp_path):
    row = _scored(geoparser, tmp_path)
    # The text alone: "United States" and "Lagos" are found by the gazetteer scan.
    assert row["e2e_found"] == 2 and row["e2e_within_161"] == 2
    assert row["e2e_acc161_pct"] == 100.0


def test_places_are_measured_per_part_of_the_fixed_split(geoparser, tmp_path):
    rows = [("Kafranbel", "كفرنبل", "Idlib", "إدلب", 35.6138, 36.5645),
            ("Manbij", "منبج", "Aleppo", "حلب", 36.5281, 37.9549),
            ("Dandaniyah", "الدندنية", "Aleppo", "حلب", 36.577, 37.7634),
            ("Saraqib", "سراقب", "Idlib", "إدلب", 35.8647, 36.8006)]
    path = tmp_path / "places.csv"
    path.write_text("location_en,location_ar,region_en,region_ar,lat,lon\n" + "".join(
        ",".join(map(str, row)) + "\n" for row in rows), encoding="utf-8")
    parts = {part: evaluate_places(path, {"embedded": geoparser}, part=part)
             for part in ("write", "check", "all")}
    expected = [part_of(place_row_id({"location_en": r[0], "location_ar": r[1]})) for r in rows]
    assert parts["check"].rows == expected.count("check")
    assert parts["write"].rows + parts["check"].rows == parts["all"].rows == 4
    assert parts["all"].shares()["en embedded"] == 100.0
    assert parts["all"].shares()["ar embedded, region_ar hint"] == 100.0


def test_place_words_counts_texts_with_a_word_resolved(geoparser, tmp_path):
    path = tmp_path / "sources.jsonl"
    texts = ["قصف على بلدة كفرنبل يوم الخميس", "غارة جوية على مدينة جديدة في ريف حلب"]
    path.write_text("".join(json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    score = evaluate_place_words(path, geoparser, part="all")
    assert score.texts == 2 and score.with_word == 0
