"""Places of world and local news the embedded data holds besides Syria and Iraq: US
counties, provinces abroad, regions and seas, place acronyms; namesakes chosen by the
province other names share; demonyms on request; the side of a place a report names.
Fixture text written for these tests."""

import re

import pytest


def spans(text, *names):
    return [(m.start(), m.end()) for name in names for m in re.finditer(re.escape(name), text)]


def by_text(places):
    return {p.text: p for p in places}


@pytest.mark.parametrize(("name", "country", "admin1", "precision"), [
    ("Laurel County", "US", "Kentucky", 2), ("Lafourche Parish", "US", "Louisiana", 2),
    ("Alberta", "CA", "Alberta", 3), ("Queensland", "AU", "Queensland", 3),
    ("West Bank", "PS", None, 3), ("Holy See", "VA", None, 3), ("DPRK", "KP", None, 3),
    ("Eastern Ghouta", "SY", None, 3), ("الغوطة الشرقية", "SY", None, 3),
])
def test_counties_provinces_regions_and_country_names_resolve(geoparser, name, country,
                                                              admin1, precision):
    text = f"Officials in {name} said on Monday that the talks would go on."
    place = by_text(geoparser.find_places(text, spans(text, name)))[name]
    assert place.resolved and place.country == country and place.admin1 == admin1
    assert place.precision == precision


def test_place_acronyms_are_found_in_text_and_headlines_in_capitals_are_not(geoparser):
    text = "Diplomats left the U.S. and the UK; the EU and the UAE met.\nHELP US NOW"
    places = by_text(geoparser.find_places(text))
    assert places["U.S."].country == "US" and places["UK"].country == "GB"
    assert places["EU"].name == "European Union" and places["UAE"].country == "AE"
    assert "US" not in places


def test_the_province_other_names_share_chooses_among_namesakes(geoparser):
    alone = "Police in Gainesville said on Monday."
    assert by_text(geoparser.find_places(alone, spans(alone, "Gainesville")))[
        "Gainesville"].admin1 == "Florida"  # the largest Gainesville
    text = alone + " Hall County deputies arrested two men."
    places = by_text(geoparser.find_places(text, spans(text, "Gainesville", "Hall County")))
    # Hall County lies in Georgia, Nebraska or Texas: of the Gainesvilles there, Georgia's.
    assert places["Gainesville"].admin1 == "Georgia"


def test_demonyms_are_places_only_on_request(geoparser):
    text = "Russian diplomats and European envoys met in Geneva."
    assert {p.text for p in geoparser.find_places(text)} == {"Geneva"}
    places = by_text(geoparser.find_places(text, demonyms=True))
    assert places["Russian"].country == "RU" and places["Russian"].precision == 3
    assert places["European"].name == "Europe"


@pytest.mark.parametrize(("text", "name", "direction"), [
    ("قصف على قرية الدندنية بريف منبج الشمالي", "منبج", "north"),
    ("Shelling hit the northern countryside of Idlib on Monday.", "Idlib", "north"),
    ("Jets struck 10 km south-east of Raqqa.", "Raqqa", "southeast"),
    ("غارات على ريف حلب الشمالي الغربي", "حلب", "northwest"),
    ("قصف جنوب شرق دير الزور", "دير الزور", "southeast"),
    ("Strikes hit Aleppo, north of Hama, and Homs.", "Aleppo", None),
])
def test_the_side_of_a_place_the_text_names_is_kept(geoparser, text, name, direction):
    place = by_text(geoparser.find_places(text))[name]
    assert place.resolved and place.direction == direction


def test_the_village_near_manbij_keeps_its_own_place(geoparser):
    places = by_text(geoparser.find_places("قصف على قرية الدندنية بريف منبج الشمالي"))
    assert places["الدندنية"].name == "Dandaniyah" and places["الدندنية"].direction is None
