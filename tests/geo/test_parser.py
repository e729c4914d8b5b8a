"""Geoparser on the embedded gazetteer: names from the issue, the seed report, precision."""

from pathlib import Path

import pytest

from harmwatch.geo import distance_km

# Each spelling of the issue, with where it is (GeoNames coordinates, within 15 km).
NAMES = {
    "Albu Kamal": (34.452, 40.919), "Al-Bukamal": (34.452, 40.919),
    "Abu Kamal": (34.452, 40.919), "البوكمال": (34.452, 40.919), "البو كمال": (34.452, 40.919),
    "Deir Ezzor": (35.336, 40.141), "Deir ez-Zor": (35.336, 40.141),
    "Dayr az Zawr": (35.336, 40.141), "دير الزور": (35.336, 40.141),
    "Tal Abiad": (36.696, 38.954), "Tall Abyad": (36.696, 38.954),
    "Tel Abyad": (36.696, 38.954), "Raqqa": (35.953, 39.008), "Ar-Raqqah": (35.953, 39.008),
    "الرقة": (35.953, 39.008), "Hasakah": (36.502, 40.748), "Al-Hasakah": (36.502, 40.748),
    "Hasaka": (36.502, 40.748), "الحسكة": (36.502, 40.748), "Aleppo": (36.201, 37.161),
    "Halab": (36.201, 37.161), "Idlib": (35.931, 36.634), "Homs": (34.727, 36.723),
    "Hama": (35.131, 36.757), "Daraa": (32.618, 36.102), "Deraa": (32.618, 36.102),
    "Damascus": (33.510, 36.291), "Latakia": (35.519, 35.792), "Tartus": (34.889, 35.887),
    "Mosul": (36.335, 43.119), "Kirkuk": (35.468, 44.392), "Erbil": (36.191, 44.009),
    "Baghdad": (33.341, 44.401), "Qamishli": (37.052, 41.231),
}
PROVINCES = ["Raqqa province", "Deir Ezzor governorate", "Hasakah province", "Idlib province",
             "Rif Dimashq", "Damascus countryside", "Quneitra governorate", "As-Suwayda province",
             "Nineveh province", "Ninawa", "Anbar province", "Salahuddin", "Diyala province"]
SEED = Path("/work/shared/corpus/seed/deir-ezzor-sound-and-picture.txt")


@pytest.mark.parametrize("name", NAMES)
def test_issue_names_geocode_to_the_right_place(geoparser, name):
    best = geoparser.geocode(name, limit=1)[0]
    assert distance_km(best.lat, best.lon, *NAMES[name]) < 15, best


@pytest.mark.parametrize("name", PROVINCES)
def test_provinces_geocode_to_first_level_divisions(geoparser, name):
    best = geoparser.geocode(name, limit=1)[0]
    assert best.feature == "ADM1"
    assert best.country in ("SY", "IQ")


def test_fuzzy_fallback_is_guarded(geoparser):
    assert geoparser.geocode("Tal Abiadd", limit=1)[0].name == "Tall Abyaḑ"
    assert all("tal" not in c.name.lower().replace("tall", "")
               for c in geoparser.geocode("Tal Abiad"))


def test_country_hint_ranks_that_country_first(geoparser):
    assert geoparser.geocode("Alexandria", country="US", limit=1)[0].country == "US"
    assert geoparser.geocode("Alexandria", limit=1)[0].country == "EG"


def test_admin1_hint_picks_the_town_in_that_province(geoparser):
    candidates = geoparser.geocode("Al Karamah", country="SY", admin1="Raqqa")
    assert candidates[0].admin1 == "Raqqa"


REPORT = ("Coalition aircraft struck a bakery in Albu Kamal on Tuesday. Fighting continued in "
          "the countryside of Aleppo and east of Hasaka, while shelling hit the Raqqa-Tabqa road. "
          "Residents of Raqqa province fled to Tal Abiad. Samer Hussein said nothing more.")


def place_for(places, text):
    return next(p for p in places if p.text == text)


def test_find_places_resolves_with_acled_precision(geoparser):
    places = geoparser.find_places(REPORT)
    for place in places:
        assert REPORT[place.span.start:place.span.end] == place.text
    assert place_for(places, "Albu Kamal").precision == 1
    assert place_for(places, "Aleppo").precision == 2
    assert place_for(places, "Hasaka").precision == 2
    assert place_for(places, "Tabqa").precision == 2
    raqqa = [p for p in places if p.text == "Raqqa"]
    assert [p.precision for p in raqqa] == [2, 3]
    assert place_for(places, "Tal Abiad").resolved
    assert not any("Samer" in p.text or "Hussein" in p.text for p in places)
    assert places == sorted(places, key=lambda p: p.span.start)


def test_candidate_spans_come_back_even_when_unresolved(geoparser):
    text = "Strikes hit Zzyzxq Farm and Albu Kamal."
    start = text.index("Zzyzxq")
    places = geoparser.find_places(text, [(start, start + len("Zzyzxq Farm"))])
    unresolved = place_for(places, "Zzyzxq Farm")
    assert not unresolved.resolved and unresolved.lat is None
    assert place_for(places, "Albu Kamal").resolved


def test_out_of_range_candidate_spans_are_ignored(geoparser):
    assert geoparser.find_places("Aleppo", [(3, 99)])[0].text == "Aleppo"


def test_arabic_text(geoparser):
    text = "قصف طيران التحالف مدينة البوكمال في ريف دير الزور الشرقي"
    places = geoparser.find_places(text)
    names = {p.text: p for p in places}
    assert distance_km(names["البوكمال"].lat, names["البوكمال"].lon, 34.452, 40.919) < 15
    assert names["دير الزور"].precision == 2


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed report is not on this machine")
def test_seed_report_places(geoparser):
    text = SEED.read_text(encoding="utf-8")
    places = [p for p in geoparser.find_places(text) if p.resolved]
    expected = {"Albu Kamal": (34.452, 40.919), "Tal Abiad": (36.696, 38.954),
                "Aleppo": (36.201, 37.161), "Hasaka": (36.502, 40.748),
                "Deir Ezzor": (35.336, 40.141)}
    for name, point in expected.items():
        place = place_for(places, name)
        assert distance_km(place.lat, place.lon, *point) < 15, place
    raqqa = [p for p in places if p.text == "Raqqa"]
    assert raqqa and all(p.precision == 3 and p.country == "SY" for p in raqqa)
    assert all(p.country in ("SY", "IQ") for p in places)


def test_user_places_win_nearby(tmp_path, geoparser):
    from harmwatch.geo import Geoparser
    from harmwatch.geo.manage import load_file

    places = tmp_path / "places.csv"
    places.write_text("name,arabic_name,latitude,longitude,region\n"
                      "Albu Kamal,البوكمال,34.4600,40.9300,Deir Ezzor\n"
                      "Hay al-Qusour,حي القصور,35.3400,40.1300,Deir Ezzor\n", encoding="utf-8")
    db = tmp_path / "user.sqlite"
    load_file(places, db, country="SY")
    parser = Geoparser.load(geoparser.embedded.path.parent.parent, user_db=db)
    best = parser.geocode("Al-Bukamal")
    assert best[0].source == "places" and best[0].lat == pytest.approx(34.46)
    # The embedded Syrian town gives way; Iraq's namesake village far away stays.
    assert [c.country for c in best if c.name.startswith(("Ālbū", "Albu"))] == ["SY", "IQ"]
    assert parser.geocode("Hay al Qusur", limit=1)[0].source == "places"
    assert parser.geocode("حي القصور", limit=1)[0].source == "places"
    text = "Shelling hit Hay al-Qusour on Monday, residents said."
    [place] = [p for p in parser.find_places(text) if p.text == "Hay al-Qusour"]
    assert place.resolved and place.lat == pytest.approx(35.34)


@pytest.mark.parametrize("name, expected", [
    ("near As Susah, Syria", "As Sūsah"), ("Bdama, Jisr al Shoughour", "Bdāmā"),
    ("Road between Jindires and Afrin city", "Jindayris"), ("Vicinity of Tal Abiad", None),
])
def test_compound_spreadsheet_names_resolve_part_by_part(geoparser, name, expected):
    best = geoparser.geocode(name, country="SY", limit=1)[0]
    assert best.name == (expected or "Tall Abyaḑ")


def test_country_hint_excludes_other_countries(geoparser):
    assert all(c.country == "SY" for c in geoparser.geocode("Saida", country="SY"))
    assert geoparser.geocode("Toronto", country="SY") == []
