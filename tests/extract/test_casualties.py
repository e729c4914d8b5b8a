import pytest

from harmwatch.extract.casualties import CasualtyReader, total


@pytest.fixture(scope="module")
def reader():
    return CasualtyReader.load()


def killed(reader, text):
    return total(reader.find(text), "killed")


def pair(value):
    return (value.min, value.max) if value else None


def test_subgroups_are_not_added_twice(reader):
    k = killed(reader, "Three civilians, including two children, were killed.")
    assert (pair(k.total), pair(k.civilians), pair(k.children)) == ((3, 3), (3, 3), (2, 2))


def test_family_and_kin(reader):
    assert pair(killed(reader, "A family of five was killed in the raid.").civilians) == (5, 5)
    k = killed(reader, "The strike killed two children and their mother.")
    assert (pair(k.children), pair(k.women), pair(k.total)) == ((2, 2), (1, 1), (3, 3))


def test_killed_and_injured_are_told_apart(reader):
    found = reader.find("At least 12 people were killed and 30 wounded.")
    assert pair(total(found, "killed").total) == (12, 12)
    assert pair(total(found, "injured").total) == (30, 30)


@pytest.mark.parametrize(("headline", "dead", "hurt"), [
    ("40 Civilians Killed 100 Injured in Rocket Attacks", 40, 100),
    ("8 Killed 25 Injured by Rocket Attacks on Aleppo City", 8, 25)])
def test_a_headline_s_count_before_injured_is_the_injured(reader, headline, dead, hurt):
    found = reader.find(headline)
    assert pair(total(found, "killed").total) == (dead, dead)
    assert pair(total(found, "injured").total) == (hurt, hurt)


def test_groups_add_up(reader):
    k = killed(reader, "US air strikes killed 50 militants and eight civilians.")
    assert pair(k.combatants) == (50, 50) and pair(k.civilians) == (8, 8)
    assert pair(k.total) == (58, 58)


def test_vague_and_bounded(reader):
    assert pair(total(reader.find("Dozens of people were wounded."), "injured").total)[0] > 12
    assert pair(killed(reader, "up to 20 civilians died").civilians) == (1, 20)


def test_no_casualties_and_not_counts(reader):
    text = "The shelling caused no casualties."
    assert reader.says_none(text, 0, len(text))
    assert reader.find("The coalition launched dozens of raids on oil wells.") == []
    assert killed(reader, "Date of publication 30 September 2017 Four children died").children \
        .min == 4


def test_coordinated_subgroups_stay_inside_the_total(reader):
    k = killed(reader, "An airstrike killed 18 people including five children and two women.")
    assert (pair(k.total), pair(k.children), pair(k.women)) == ((18, 18), (5, 5), (2, 2))


def test_war_wide_tolls_and_years_are_not_event_counts(reader):
    assert killed(reader, "The conflict has killed more than 280,000 people.").total is None \
        or reader.is_cumulative("The conflict has killed more than 280,000 people.", 0, 48)
    text = "23-04-2016 Child killed 9 Civilians Injured in attacks"
    assert total(reader.find(text), "injured").civilians.min == 9
    assert killed(reader, text).total is None or killed(reader, text).total.max < 1000


@pytest.mark.parametrize("sentence", [
    "Since Saturday at least 68 civilians have been killed in aerial attacks on the town.",
    "At least 112 civilians have been killed in Hama since the government offensive began.",
    "The monitor counted 300 dead in the past six weeks.",
    "Some 40 people were killed in such attacks last year.",
    "Air raids have killed 90 civilians so far.",
])
def test_period_tolls_are_cumulative(reader, sentence):
    assert reader.is_cumulative(sentence, 0, len(sentence))


@pytest.mark.parametrize("sentence", [
    "At least 11 civilians were killed on Thursday in barrel bomb attacks on the town.",
    "Over the past three days, 35 people died in the strikes on Idlib.",
])
def test_single_events_and_short_waves_are_not_cumulative(reader, sentence):
    assert not reader.is_cumulative(sentence, 0, len(sentence))


def test_a_time_of_day_is_no_count(reader):
    assert reader.find("The bombers attacked at around 330 am whose bodies still lie there.") \
        == []


def test_and_closes_the_killing_verb_s_clause(reader):
    text = "Eight pupils were killed and another 27 pupils and a teacher were injured."
    assert pair(killed(reader, text).civilians) == (8, 8)
    assert pair(total(reader.find(text), "injured").civilians) == (27, 27)
