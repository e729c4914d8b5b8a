"""Syria's and Iraq's villages, in both scripts: the embedded data, Arabic place words, and
words that are no place."""

import pytest

from harmwatch.geo import distance_km

MANBIJ = (36.528, 37.955)


def test_one_town_in_three_spellings(geoparser):
    ids = {geoparser.geocode(name, limit=1)[0].geonameid
           for name in ("كفرنبل", "Kafranbel", "Kafr Nabl", "كفر نبل")}
    assert ids == {"168661"}


def test_a_misspelled_village_resolves_in_a_report_about_hama(geoparser):
    text = ("Regime helicopters dropped barrel bombs on Kafr Nbooda in the northern Hama "
            "countryside on Tuesday, killing two civilians.")
    [village] = [p for p in geoparser.find_places(text) if p.text == "Kafr Nbooda"]
    assert village.resolved and village.name == "Kafr Nabudah" and village.admin1 == "Hama"
    assert village.geonameid == "168660"


def test_a_village_in_the_countryside_of_manbij(geoparser):
    text = ("قرية الدندنية بريف منبج الشمالي تعرضت في ساعات متأخرة من مساء الثلاثاء لقصف "
            "بقذائف الهاون، نفذه الاحتلال التركي وفصائله، ما أسفر عن أضرار مادية دون ورود "
            "معلومات عن خسائر بشرية")
    places = {p.text: p for p in geoparser.find_places(text) if p.resolved}
    village, town = places["الدندنية"], places["منبج"]
    assert distance_km(village.lat, village.lon, *MANBIJ) < 30 and village.precision == 1
    assert village.geonameid == "174257"
    assert town.name == "Manbij" and town.precision == 2
    assert set(places) == {"الدندنية", "منبج"}  # not ما أسفر, not التركي


def test_an_unknown_neighbourhood_gives_its_city_at_precision_2(geoparser):
    text = ("أصيب 3 أطفال بجروح، نتيجة سقوط طائرة مسيرة تابعة لهيئة تحرير الشام داخل حي "
            "بستان القصر بمدينة حلب")
    [place] = [p for p in geoparser.find_places(text) if p.resolved]
    assert place.name == "Aleppo" and place.precision == 2
    assert place.text == "بستان القصر بمدينة حلب"
    assert text[place.span.root[0]:place.span.root[1]] == place.text


def test_a_known_neighbourhood_is_itself(geoparser):
    [place] = [p for p in geoparser.find_places("قصف على حي القنوات في دمشق القديمة")
               if p.text.endswith("القنوات")]
    assert place.name == "Qanawat" and place.precision == 1


@pytest.mark.parametrize("word", ["جديدة", "مدينة", "بلدة", "إلى", "السوري", "ما أسفر",
                                  "اليوم الخميس", "على", "النظام", "مقتل"])
def test_arabic_words_that_are_no_place_never_resolve(geoparser, word):
    text = f"قال مراسلنا إن {word} قصف بلدة كفرنبل بريف إدلب"
    start = text.index(word)
    places = geoparser.find_places(text, [(start, start + len(word))])
    assert not any(p.resolved for p in places if p.span.root[0] == start), places


def test_english_words_that_are_no_place_never_resolve(geoparser):
    text = "Two children were killed in Madaya near Zabadani in Rif Dimashq, SANA-An reported."
    spans = [(0, 3), (text.index("SANA"), text.index("SANA") + 7)]
    places = {p.text: p for p in geoparser.find_places(text, spans)}
    assert not places["Two"].resolved and not places["SANA-An"].resolved
    assert "An" not in places
    madaya = places["Madaya"]
    assert madaya.country == "SY" and madaya.admin1 == "Rif Dimashq"


def test_a_village_named_alone_in_arabic_is_no_place(geoparser):
    """A hamlet's name without a place word before it is a common word here (وقف, "halt",
    is a village in Syria)."""
    assert not any(p.resolved for p in geoparser.find_places("دعوات إلى وقف إطلاق النار"))


def test_gazetteer_data_has_every_village_with_arabic_names(geoparser):
    counts = geoparser.embedded.counts()
    assert counts["geonames"]["features"]["PPLL"] > 25_000
    assert counts["whosonfirst"]["features"]["ADM2"] > 100
