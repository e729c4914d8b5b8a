from harmwatch.extract.actors import ActorDictionary
from harmwatch.extract.quotes import find_quotes

TEXT = ('Samer from Albu Kamal said to “Sound and Picture” reporter: “we heard the planes '
        'before the hospital was bombed by the coalition.”\n\nAbu Hasan also said: “The '
        'strikes hit the market twice that day and nobody came to help us.“')


def test_quotes_carry_speaker_description_outlet_and_span():
    quotes = find_quotes(TEXT)
    assert [q.speaker for q in quotes] == ["Samer", "Abu Hasan"]
    assert quotes[0].description == "from Albu Kamal"
    assert quotes[0].outlet == "Sound and Picture"
    assert all(q.span.slice(TEXT) == q.text for q in quotes)
    assert quotes[1].text.startswith("The strikes")  # closed by an opening mark


def test_aliases_map_to_canonical_actors(tmp_path):
    actors = ActorDictionary.load()
    text = "U.S.-led coalition jets and regime helicopters; the YPG; IS and Daesh"
    assert [a.id for a in actors.find(text)] == ["coalition", "syrian_government", "sdf",
                                                 "islamic_state", "islamic_state"]
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - id: jaysh_x\n    name: Jaysh X\n    inter: 2\n"
                     "    aliases: [Jaysh X]\n")
    assert [a.id for a in ActorDictionary.load(extra).find("Jaysh X shelled it")] == ["jaysh_x"]


def test_spelling_variants_of_armed_groups_are_known():
    found = ActorDictionary.load().find("An ambush by Syrian regular forces, a Jaysh al-Islam "
                                        "rocket attack and Kurdish militants.")
    assert [a.id for a in found] == ["syrian_government", "opposition", "sdf"]
