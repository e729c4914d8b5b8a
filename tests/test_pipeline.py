"""The assembled extractor: the gazetteer geoparser resolves event places."""

from datetime import date

from harmwatch.extract import Extractor
from harmwatch.model import Document


def test_geoparser_resolves_event_locations(geoparser):
    extractor = Extractor.load(place_finder=geoparser)
    text = ("Coalition aircraft bombed Aisha hospital in Albu Kamal.\n\n"
            "After the control of YPG over Tal Abiad, the coalition struck IS in Raqqa.")
    result = extractor.extract(Document(text=text, published=date(2015, 9, 1)))
    hospital = next(e for e in result.events if e.targets and e.targets[0].type == "hospital")
    assert hospital.location.lat is not None and hospital.location.admin1
    taken = next(e for e in result.events if e.method == "territory_change")
    assert taken.location.text == "Tal Abiad" and taken.location.lat is not None
    assert all(p.span.slice(text) == p.text for p in result.places)
