"""The on-disk gazetteer index: a SQLite file of places and their name keys.

Lookups go through an index on the key, so memory stays small whatever the gazetteer's size.
Beside each database lies a sorted array of 64-bit hashes of its keys (`.keys.npy`,
memory-mapped) that tells the text scanner in one vectorised step which word sequences of a
document can be place names at all, without a query per word.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from harmwatch.errors import HarmwatchError
from harmwatch.geo.names import NameRules
from harmwatch.geo.records import Candidate, PlaceRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, source_id TEXT NOT NULL, name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, country TEXT, admin1_code TEXT, admin1 TEXT,
    feature TEXT NOT NULL, population INTEGER NOT NULL DEFAULT 0, admin2 TEXT,
    UNIQUE (source, source_id));
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, skeleton TEXT NOT NULL, place_id INTEGER NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (key, place_id, name)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_skeleton ON names (skeleton);
CREATE INDEX IF NOT EXISTS names_place ON names (place_id);
"""
PLACE_COLUMNS = "p.name, p.source_id, p.lat, p.lon, p.admin1, p.country, p.feature, p.source, " \
                "p.population, p.admin1_code, p.admin2"
# Skeletons shorter than this are too unspecific to recognise a name in running text.
MIN_SKELETON_FOR_TEXT = 4
SQLITE_MAX_PARAMS = 900


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def skeleton_hash(skeleton: str) -> int:
    return key_hash("~" + skeleton)


class GazetteerDB:
    """One gazetteer database file (the embedded index, or a user's loaded places)."""

    def __init__(self, path: Path, connection: sqlite3.Connection, rules: NameRules):
        self.path = path
        self.connection = connection
        self.rules = rules
        self._hashes: np.ndarray | None = None
        # One connection serves every thread (the web app's too); queries take turns.
        self.lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, rules: NameRules, create: bool = False) -> GazetteerDB:
        if not create and not path.exists():
            raise HarmwatchError(f"{path}: no gazetteer database here; load one with "
                                 "`harmwatch gazetteer load FILE`")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(path, check_same_thread=False)
            connection.executescript(SCHEMA)
            _add_missing_columns(connection)
        except sqlite3.Error as exc:
            raise HarmwatchError(f"{path}: not a usable gazetteer database ({exc}); "
                                 "delete it and load your places again") from exc
        db = cls(path, connection, rules)
        if db.meta("rules") not in (None, rules.version):
            db.rekey()
        return db

    def close(self) -> None:
        self.connection.close()

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def add(self, records: Iterable[PlaceRecord]) -> int:
        """Insert or replace places (same source and id: replaced); returns how many."""
        count = 0
        with self.connection:
            for record in records:
                self._insert(record)
                count += 1
            self.set_meta("rules", self.rules.version)
        self.write_hashes()
        return count

    def _insert(self, record: PlaceRecord) -> None:
        values = (record.name, record.lat, record.lon, record.country, record.admin1_code,
                  record.admin1, record.feature, record.population, record.admin2)
        existing = self.connection.execute(
            "SELECT id FROM places WHERE source = ? AND source_id = ?",
            (record.source, record.source_id)).fetchone()
        if existing:
            place_id = existing[0]
            self.connection.execute(
                "UPDATE places SET name=?, lat=?, lon=?, country=?, admin1_code=?, admin1=?, "
                "feature=?, population=?, admin2=? WHERE id = ?", (*values, place_id))
            self.connection.execute("DELETE FROM names WHERE place_id = ?", (place_id,))
        else:
            place_id = self.connection.execute(
                "INSERT INTO places (source, source_id, name, lat, lon, country, admin1_code, "
                "admin1, feature, population, admin2) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (record.source, record.source_id, *values)).lastrowid
        self.connection.executemany("INSERT INTO names VALUES (?,?,?,?)",
                                    self._name_rows(place_id, record.names))

    def _name_rows(self, place_id: int, names: Iterable[str]) -> list[tuple]:
        """Every distinct name is kept (not one per key), so that a change of the rules can
        re-key them all."""
        rows: dict[str, tuple] = {}
        for name in names:
            key = self.rules.key(name)
            if key and name not in rows:
                rows[name] = (key, self.rules.skeleton(key), place_id, name)
        return list(rows.values())

    def rekey(self) -> None:
        """Recompute every key after the variant rules changed."""
        rows = self.connection.execute("SELECT place_id, name FROM names").fetchall()
        grouped: dict[int, list[str]] = {}
        for place_id, name in rows:
            grouped.setdefault(place_id, []).append(name)
        with self.connection:
            self.connection.execute("DELETE FROM names")
            for place_id, names in grouped.items():
                self.connection.executemany("INSERT INTO names VALUES (?,?,?,?)",
                                            self._name_rows(place_id, names))
            self.set_meta("rules", self.rules.version)
        self.write_hashes()

    @property
    def hash_path(self) -> Path:
        return self.path.with_suffix(".keys.npy")

    def write_hashes(self) -> None:
        """Write the sorted key-hash array the text scanner consults."""
        hashes = []
        for key, skeleton in self.connection.execute(
                "SELECT DISTINCT key, skeleton FROM names"):
            hashes.append(key_hash(key))
            if len(skeleton) >= MIN_SKELETON_FOR_TEXT:
                hashes.append(skeleton_hash(skeleton))
        array = np.unique(np.array(hashes, dtype=np.uint64))
        partial = self.hash_path.with_suffix(".partial.npy")
        np.save(partial, array)
        os.replace(partial, self.hash_path)
        self._hashes = None

    @property
    def hashes(self) -> np.ndarray:
        if self._hashes is None:
            if not self.hash_path.exists():
                self.write_hashes()
            self._hashes = np.load(self.hash_path, mmap_mode="r")
        return self._hashes

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        """A boolean mask: which of these key hashes the database holds."""
        table = self.hashes
        if len(table) == 0:
            return np.zeros(len(hashes), dtype=bool)
        positions = np.searchsorted(table, hashes).clip(0, len(table) - 1)
        return table[positions] == hashes

    def by_keys(self, keys: Sequence[str], column: str = "key") -> dict[str, list[Candidate]]:
        """Candidates for each key (or skeleton, column='skeleton'), unscored."""
        found: dict[str, list[Candidate]] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), SQLITE_MAX_PARAMS):
            chunk = unique[start:start + SQLITE_MAX_PARAMS]
            marks = ",".join("?" * len(chunk))
            with self.lock:
                rows = self.connection.execute(
                    f"SELECT n.{column}, n.name, {PLACE_COLUMNS} FROM names n "
                    f"JOIN places p ON p.id = n.place_id WHERE n.{column} IN ({marks})",
                    chunk).fetchall()
            for key, matched, *place in rows:
                found.setdefault(key, []).append(_candidate(place, matched))
        for candidates in found.values():
            _dedupe_places(candidates)
        return found

    def keys_in(self, countries: Sequence[str]) -> list[str]:
        """Every key of places in these countries (the fuzzy fallback's search space)."""
        marks = ",".join("?" * len(countries))
        with self.lock:
            rows = self.connection.execute(
                f"SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place_id "
                f"WHERE p.country IN ({marks})", list(countries)).fetchall()
        return [row[0] for row in rows]

    def all_keys(self) -> list[str]:
        with self.lock:
            return [row[0] for row in self.connection.execute("SELECT DISTINCT key FROM names")]

    def counts(self) -> dict[str, dict]:
        """Places and names per source, and its places per feature code (what it adds)."""
        rows = self.connection.execute(
            "SELECT p.source, COUNT(DISTINCT p.id), COUNT(n.key) FROM places p "
            "LEFT JOIN names n ON n.place_id = p.id GROUP BY p.source")
        counts: dict[str, dict] = {source: {"places": places, "names": names, "features": {}}
                                   for source, places, names in rows}
        for source, feature, places in self.connection.execute(
                "SELECT source, feature, COUNT(*) FROM places GROUP BY source, feature"):
            counts[source]["features"][feature] = places
        return counts


def _add_missing_columns(connection: sqlite3.Connection) -> None:
    """A user's database made before places had a district gains the column."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(places)")}
    if "admin2" not in columns:
        connection.execute("ALTER TABLE places ADD COLUMN admin2 TEXT")


def _candidate(row: Sequence, matched: str) -> Candidate:
    (name, source_id, lat, lon, admin1, country, feature, source, population, admin1_code,
     admin2) = row
    return Candidate(name=name, source_id=source_id, lat=lat, lon=lon, admin1=admin1,
                     country=country, feature=feature, score=0.0, source=source,
                     population=population, admin1_code=admin1_code, matched=matched,
                     admin2=admin2)


def _dedupe_places(candidates: list[Candidate]) -> None:
    """One candidate per place even when several of its names share a key."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for candidate in candidates:
        ident = (candidate.source, candidate.source_id)
        if ident not in seen:
            seen.add(ident)
            kept.append(candidate)
    candidates[:] = kept
