"""What a gazetteer holds (PlaceRecord) and what a lookup returns (Candidate)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

EMBEDDED_SOURCES = ("geonames", "harmwatch", "whosonfirst")
# GeoNames feature codes harmwatch uses: country, first-level division, populated place,
# capital. Users' own lists default to a populated place.
CONTINENT = "CONT"
COUNTRY = "PCLI"
ADMIN1 = "ADM1"
# A district (Syria's mintaqa, Iraq's qada): located at precision 2.
ADMIN2 = "ADM2"
NEIGHBOURHOOD = "PPLX"
TOWN = "PPL"
# Regions and large natural features (data/geo/regions.csv): located at precision 3.
REGIONS = ("RGN", "PEN", "OCN", "SEA", "GULF", "MTS", "DSRT", "PLAT")
AREAS = (CONTINENT, COUNTRY, ADMIN1, *REGIONS)
CAPITAL = "PPLC"


@dataclass
class PlaceRecord:
    """One place as a gazetteer source describes it, with every name it goes by."""

    source: str
    source_id: str
    name: str
    lat: float
    lon: float
    country: str | None = None
    admin1_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature: str = TOWN
    population: int = 0
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Candidate:
    """A gazetteer entry that a name may refer to, with how well it fits (higher is better)."""

    name: str
    source_id: str
    lat: float
    lon: float
    admin1: str | None
    country: str | None
    feature: str
    score: float
    source: str
    population: int = 0
    admin1_code: str | None = None
    matched: str = ""
    admin2: str | None = None

    @property
    def geonameid(self) -> str | None:
        """The GeoNames id, when the entry comes from GeoNames."""
        return self.source_id if self.source.startswith("geonames") else None

    @property
    def is_users(self) -> bool:
        """From a list the user loaded (it wins over the embedded gazetteer)."""
        return self.source not in EMBEDDED_SOURCES

    @property
    def is_settlement(self) -> bool:
        return self.feature.startswith(("PPL", "ADM", "PCL", "CONT")) or self.is_area

    @property
    def is_area(self) -> bool:
        return self.feature in AREAS

    def rescored(self, score: float) -> Candidate:
        return replace(self, score=score)
