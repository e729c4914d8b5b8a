"""Issue 10's three sentences, in posts written like the dev texts: event, attacker,
casualties with their subgroup, place text and date, every span slicing out its text."""

from datetime import date

import pytest

from harmwatch.extract.arabic import build_pipeline
from harmwatch.model import Document

PUBLISHED = date(2023, 10, 25)  # a Wednesday


@pytest.fixture(scope="module")
def extract():
    return build_pipeline()


def _spans_slice(result, text):
    for event in result.events:
        for mention in (event.actor1, event.date, event.location, event.evidence, *event.targets):
            if mention is not None:
                assert mention.span.slice(text) == mention.text
    for mention in (*result.places, *result.actors, *result.dates, *result.quotes):
        assert mention.span.slice(text) == mention.text


def test_martyrs_with_subgroup_from_regime_aircraft(extract):
    text = ("#عاجل | اليوم الأربعاء\n"
            "استشهاد 3 مدنيين بينهم طفلان جراء قصف طيران النظام على بلدة كفرنبل بريف إدلب "
            "الجنوبي")
    result = extract(Document(text=text, published=PUBLISHED))
    _spans_slice(result, text)
    event = result.events[0]
    assert (event.method, event.sub_event_type) == ("air_strike", "Air/drone strike")
    assert event.actor1.id == "syrian_government" and event.actor1.text == "طيران النظام"
    assert event.killed.civilians.min == event.killed.civilians.max == 3
    assert event.killed.children.min == 2 and event.killed.total.max == 3
    assert event.location.text == "كفرنبل"
    assert event.date.start == PUBLISHED and event.date.text == "اليوم الأربعاء"
    assert [p.text for p in result.places] == ["كفرنبل", "إدلب"]


def test_children_injured_by_hts_drone(extract):
    text = ("أصيب 3 أطفال بجروح، نتيجة سقوط طائرة مسيرة تابعة لهيئة تحرير الشام داخل حي "
            "بستان القصر بمدينة حلب، مساء أمس.")
    result = extract(Document(text=text, published=PUBLISHED))
    _spans_slice(result, text)
    event = result.events[0]
    assert event.method == "drone_strike"
    assert event.actor1.id == "nusra" and event.actor1.text == "هيئة تحرير الشام"
    assert event.injured.children.min == 3 and event.injured.civilians.max == 3
    assert event.killed.total is None
    assert event.location.text == "بستان القصر"
    assert event.date.start == date(2023, 10, 24) and event.date.text == "مساء أمس"


def test_mortar_shelling_by_turkish_occupation_damage_only(extract):
    text = ("قرية الدندنية بريف منبج الشمالي تعرضت في ساعات متأخرة من مساء الثلاثاء لقصف "
            "بقذائف الهاون، نفذه الاحتلال التركي وفصائله، ما أسفر عن أضرار مادية دون ورود "
            "معلومات عن خسائر بشرية")
    result = extract(Document(text=text, published=PUBLISHED))
    _spans_slice(result, text)
    event = result.events[0]
    assert (event.method, event.sub_event_type) == ("shelling",
                                                    "Shelling/artillery/missile attack")
    assert event.actor1.id == "turkey" and event.actor1.text == "الاحتلال التركي وفصائله"
    assert event.killed.total.max == 0 and event.injured.total.max == 0
    assert event.location.text == "الدندنية"
    assert event.date.start == date(2023, 10, 24) and event.date.text == "مساء الثلاثاء"


def test_date_in_text_stands_for_publication(extract):
    text = "الاثنين, ٢٣ أكتوبر ٢٠٢٣\nمقتل مدنيين اثنين إثر غارات جوية روسية على مدينة سرمين أمس"
    result = extract(Document(text=text))
    _spans_slice(result, text)
    event = result.events[0]
    assert event.actor1.id == "russia"
    assert event.killed.civilians.min == 2
    assert event.date.start == date(2023, 10, 22)


def test_citation_gives_source_and_outlet(extract):
    text = "وقال مراسل “وكالة ستيب الإخبارية” إن قصفاً مدفعياً أدى إلى مقتل طفل في بلدة تادف."
    result = extract(Document(text=text, published=PUBLISHED))
    _spans_slice(result, text)
    assert result.quotes[0].outlet == "وكالة ستيب الإخبارية"
    assert result.events[0].sources[0].outlet == "وكالة ستيب الإخبارية"
    own = extract(Document(text="أكدت مراسلتنا مقتل شخصين بقصف", publisher="Hawar"))
    assert own.quotes[0].outlet == "Hawar" and own.events[0].killed.total.min == 2


def test_air_power_supporting_a_ground_raid_is_the_attacker(extract):
    text = "اعتقلت قسد وبدعم من طيران التحالف الدولي شاباً في بلدة الشحيل بريف دير الزور، اليوم."
    event = extract(Document(text=text, published=PUBLISHED)).events[0]
    assert event.method == "arrest" and event.actor1.id == "coalition"
    assert event.actor1.text == "طيران التحالف"
