"""Scoring of the gold-span resolution evaluation (GWN layout, fixture written here)."""

from harmwatch.evaluation.geo import evaluate_corpus

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


def test_exact_and_acc161_share_the_toponyms_with_an_id(geoparser, tmp_path):
    row = evaluate_corpus(geoparser, "GWN", gwn(tmp_path)).as_row()
    assert row["toponyms"] == 3 and row["with_id"] == 2
    assert row["exact"] == 2
    # The same GeoNames feature counts as within 161 km whatever point stands for it, and
    # the street without an id is no miss of the comparable figure.
    assert row["within_161"] == 2 and row["acc161_pct"] == 100.0
    assert row["acc161_all_pct"] == round(100 * 2 / 3, 1)
    assert row["acc161_pct"] >= row["exact_pct"]
