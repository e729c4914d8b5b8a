"""Choosing among namesakes: ties, other names of a place, the document's big cities and
its other places. Fixture texts written for these tests."""

from harmwatch.data import data_path
from harmwatch.geo.records import Candidate
from harmwatch.geo.resolve import DocumentContext, FirstPick, best_index


def by_text(places):
    return {p.text: p for p in places}


def town(name, country, population=0, feature="PPL", admin1="X"):
    return Candidate(name=name, source_id=f"{name}-{country}-{admin1}", lat=0.0, lon=0.0,
                     admin1=admin1, country=country, feature=feature, score=0.0,
                     source="geonames", population=population, admin1_code=admin1)


def test_a_tie_goes_to_the_more_populous_place_not_the_last_listed():
    candidates = [town("Maskanah", "SY", 900), town("Maskanah", "SY", 100)]
    assert best_index(candidates, [0.5, 0.5]) == 0
    assert best_index(candidates[::-1], [0.5, 0.5]) == 1


def test_a_tie_of_equal_population_goes_to_the_town_before_the_village():
    candidates = [town("Maskanah", "SY", feature="PPLL", admin1="Homs"),
                  town("Maskanah", "SY", admin1="Aleppo"),
                  town("Maskanah", "SY", feature="PPLL", admin1="Rif Dimashq")]
    assert candidates[best_index(candidates, [0.1, 0.1, 0.1])].admin1 == "Aleppo"


def test_a_tie_then_goes_to_the_documents_country_then_to_the_first():
    candidates = [town("Henry County", "US", feature="ADM2", admin1="GA"),
                  town("Henry County", "GB", feature="ADM2", admin1="ENG"),
                  town("Henry County", "US", feature="ADM2", admin1="TN")]
    context = DocumentContext.from_first_picks([FirstPick(town("Leeds", "GB"), True, True)])
    assert best_index(candidates, [0.2, 0.2, 0.2], context) == 1
    assert best_index(candidates, [0.2, 0.2, 0.2]) == 0


def test_maskanah_near_tabqa_and_raqqa_is_the_town_in_aleppo_governorate(geoparser):
    text = ("Warplanes struck a market in Tabqa, west of Raqqa, on Sunday. Two days earlier "
            "helicopters dropped barrel bombs on the village of Maskanah, wounding seven.")
    place = by_text(geoparser.find_places(text))["Maskanah"]
    assert place.admin1 == "Aleppo" and place.country == "SY", place


def test_maskanah_near_homs_is_the_village_in_homs_governorate(geoparser):
    # The same name beside Homs: the big city anchors the document, the namesake near it wins.
    text = "Army shelling hit Maskanah and Talbiseh, north of Homs, on Monday."
    place = by_text(geoparser.find_places(text))["Maskanah"]
    assert place.admin1 == "Homs", place


def test_sample_report_places_maskanah_in_aleppo_and_no_post_in_texas(geoparser):
    text = data_path("samples/raqqa-market-strike.txt").read_text(encoding="utf-8")
    places = geoparser.find_places(text)
    maskanah = by_text(places)["Maskanah"]
    assert maskanah.admin1 == "Aleppo", maskanah
    assert all(p.country != "US" or p.text == "US" for p in places if p.resolved), places


def test_adra_is_the_town_by_damascus_not_daraa_by_its_other_name_adraa(geoparser):
    text = "Government shelling hit Adra, north-east of Damascus, and Douma on Monday."
    place = by_text(geoparser.find_places(text))["Adra"]
    assert place.admin1 == "Rif Dimashq", place
    best = geoparser.geocode("Adra", country="SY", limit=1)[0]
    assert best.admin1 == "Rif Dimashq", best


def test_a_word_right_after_a_place_name_is_the_rest_of_a_name(geoparser):
    text = "A shopkeeper from Tabqa told the Raqqa Post that the market burned."
    places = by_text(geoparser.find_places(text))
    assert "Post" not in places and places["Raqqa"].country == "SY"

