"""Event rules on short fixture texts (no gazetteer: places stay unresolved)."""

from datetime import date

import pytest

from harmwatch.extract import Extractor
from harmwatch.model import Document


@pytest.fixture(scope="module")
def extractor():
    return Extractor.load()


def events(extractor, text, published=date(2016, 5, 10)):
    return extractor.extract(Document(id="t", text=text, published=published)).events


def test_arrests_and_headquarters_moves_are_strategic_developments(extractor):
    found = events(extractor, "Asayish forces arrested 12 men in Qamishli on Monday.\n\n"
                              "Fearing the raids, IS moved its headquarters to Mayadin.")
    arrest = next(e for e in found if e.method == "arrest")
    assert (arrest.event_type, arrest.sub_event_type) == ("Strategic developments", "Arrests")
    assert arrest.actor1.id == "sdf"
    hq = next(e for e in found if e.sub_event_type == "Headquarters or base established")
    assert hq.actor1.id == "islamic_state" and hq.method == "other"


def test_war_wide_tolls_are_nobody_s_casualties(extractor):
    found = events(extractor, "Regime helicopters dropped barrel bombs on Daraya, killing "
                              "seven civilians. The war has killed more than 280,000 people "
                              "since it began in 2011.")
    strike = found[0]
    assert strike.method == "helicopter_barrel_bomb" and strike.actor1.id == "syrian_government"
    assert strike.killed.civilians.min == 7 and strike.killed.total.max == 7


def test_counted_victims_do_not_act_and_generic_labels_are_unknown(extractor):
    strike = events(extractor, "Russian jets struck the town, killing 20 rebels.")[0]
    assert strike.actor1.id == "russia"
    shelled = events(extractor, "Terrorists fired mortar shells on Aleppo, killing a woman.")[0]
    assert shelled.actor1.id == "unknown" and shelled.method == "shelling"
    assert shelled.killed.women.min == 1


def test_unspecified_attack_takes_the_paragraph_weapon(extractor):
    found = events(extractor, "Chlorine was dropped on Sarmin. The attack killed six people.")
    assert {e.method for e in found} == {"chemical"}
    assert found[0].event_type == "Explosions/Remote violence"
    assert found[0].sub_event_type == "Chemical weapon"


def test_no_casualties_is_zero_not_unknown(extractor):
    strike = events(extractor, "Coalition aircraft bombed an IS checkpoint near Tabqa; "
                               "there were no casualties.")[0]
    assert strike.killed.total.max == 0 and not strike.civilian_targeting
    assert strike.targets[0].type == "checkpoint"


def test_dates_never_follow_publication(extractor):
    strike = events(extractor, "On Friday, Russian warplanes hit a bakery in Idlib.",
                    published=date(2016, 5, 10))[0]
    assert strike.date.start == date(2016, 5, 6) and strike.civilian_targeting


def test_recalled_background_keeps_its_own_date_and_is_marked(extractor):
    found = events(extractor, "Regime helicopters dropped barrel bombs on Daraya on Monday, "
                              "killing seven civilians.\nIn August last year a car bomb killed "
                              "at least 27 people in the same suburb.\nSimilar attacks killed "
                              "40 people in Homs.")
    strike, car_bomb, similar = found
    assert not strike.recalled and strike.killed.civilians.min == 7
    assert car_bomb.recalled and car_bomb.killed.total.min == 27
    assert (car_bomb.date.start, car_bomb.date.end) == (date(2015, 8, 1), date(2015, 8, 31))
    assert similar.recalled


def test_a_period_opened_by_since_dates_no_event(extractor):
    found = events(extractor, "Rebels shelled the Zahra district on Monday, the widest offensive "
                              "since they took the east of the city in 2012. Eight civilians "
                              "were killed by the shells.")
    assert found[0].date.text == "on Monday" and not found[0].recalled
    assert not any(e.recalled or e.date.start.year == 2012 for e in found)


def test_a_report_s_first_sentence_is_its_news_whatever_the_publication_date(extractor):
    found = events(extractor, "Sunday 1 May 2016 A blast killed seven people in Damascus.",
                   published=date(2016, 6, 20))
    assert not found[0].recalled and found[0].date.start == date(2016, 5, 1)


def test_the_next_sentence_names_the_attacker_of_the_aircraft(extractor):
    found = events(extractor, "Eight civilians were killed on Friday when warplanes bombed a "
                              "bakery in Maarat al-Numan.\n\nWitnesses said the jets belonged "
                              "to the Russian air force. The town was shelled later.")
    assert found[0].actor1.id == "russia" and found[0].actor1.text.startswith("Russian")
    denied = events(extractor, "Warplanes bombed a bakery in Maarat al-Numan.\n\nRussia "
                               "denied any role.")
    assert denied[0].actor1 is None


def test_explosions_heard_during_a_coded_strike_are_no_new_bombing(extractor):
    found = events(extractor, "Regime warplanes struck a bakery in Douma on Monday, killing "
                              "five people. \"We heard three explosions and then the roof "
                              "fell,\" a baker said.")
    assert [e.method for e in found] == ["air_strike"]
    alone = events(extractor, "Two explosions were heard in the city centre on Monday.")
    assert [e.method for e in alone] == ["ied"]


def test_days_earlier_counts_back_from_the_story_not_silently_from_nothing(extractor):
    text = ("Warplanes struck a market in Saraqib on Sunday, killing nine civilians.\n"
            "Two days earlier, government helicopters dropped barrel bombs on Kafr Nabl.")
    strike, barrel = events(extractor, text, published=date(2016, 3, 15))
    assert strike.date.start == date(2016, 3, 13)
    # The anchor lies between the report's first event date and publication: a range.
    assert (barrel.date.start, barrel.date.end, barrel.date.precision) == \
        (date(2016, 3, 11), date(2016, 3, 13), "week")
    same = events(extractor, "Warplanes struck Saraqib on Sunday, killing nine civilians. "
                             "A day later, helicopters dropped barrel bombs on the town.",
                  published=date(2016, 3, 15))
    assert (same[1].date.start, same[1].date.end, same[1].date.precision) == \
        (date(2016, 3, 14), date(2016, 3, 14), "day")


def test_killed_in_an_actor_s_operations_names_the_attacker(extractor):
    found = events(extractor, "Wed May 4 2016 40 Terrorists Killed in Syrian Army Operations "
                              "in Homs.")
    assert found[0].actor1.id == "syrian_government"


def test_what_a_report_comes_after_is_background(extractor):
    found = events(extractor, "Jets struck Tadmur on Monday, killing 12 soldiers.\nThe raid comes "
                              "two weeks after IS killed 270 guards at a gas field.")
    assert not found[0].recalled and all(e.recalled for e in found[1:])


def test_chemical_bombs_recode_the_air_strike(extractor):
    found = events(extractor, "Scores of people died on Tuesday after the regime air strike "
                              "dropped chemical bombs onto the town.")
    assert found[0].method == "chemical"
    assert found[0].sub_event_type == "Chemical weapon"
