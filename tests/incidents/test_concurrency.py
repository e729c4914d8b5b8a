"""People's edits, merges and splits while builds run, on SQLite and PostgreSQL, with real
threads: no accepted change is lost, no event is left out, conflicts are 409s, not crashes."""

from __future__ import annotations

import contextlib
import random
import subprocess
import sys
import threading
from datetime import date, timedelta

from harmwatch.errors import EditConflict, UnknownIncident
from harmwatch.incidents import Review, build_incidents
from harmwatch.store import DocumentRepository, IncidentFilters, IncidentRepository
from harmwatch.store.db import create, table_names
from tests.incidents.consistency import problems
from tests.incidents.factory import casualties, report

TOWNS = ("Tabqa", "Al-Mansoura", "Raqqa", "Maskanah")


def seed(engine, strikes: int = 40) -> IncidentRepository:
    """`strikes` incidents of two reports each, on different days and towns."""
    documents, repository = DocumentRepository(engine), IncidentRepository(engine)
    for n in range(strikes):
        town, day = TOWNS[n % 4], date(2016, 1, 1) + timedelta(days=3 * n)
        for source in ("Raqqa Post", "SNHR"):
            report(documents, f"Warplanes struck {town} on day {n}, said {source}.", town=town,
                   day=day, publisher=source, killed=casualties(n + 1))
    build_incidents(repository)
    return repository


def run_together(*jobs) -> list[BaseException]:
    """Run the callables in threads at once; the exceptions they raised."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(jobs))

    def wrap(job):
        barrier.wait()
        try:
            job()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=wrap, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_edits_during_rebuilds_are_never_lost(engine):
    repository = seed(engine)
    review = Review(repository)
    ids = [i.id for i in repository.all(IncidentFilters(sort="date"))]
    accepted: dict[str, str] = {}
    done = threading.Event()

    def editor():
        rng = random.Random(1)
        for n in range(60):
            incident_id = rng.choice(ids)
            current = repository.get(incident_id)
            note = f"checked {n}"
            try:
                review.update(incident_id, {"notes": note}, "ana", "review", current.version)
                accepted[incident_id] = note
            except EditConflict:
                pass
        done.set()

    def builder():
        while not done.is_set():
            build_incidents(repository, rebuild=True)

    assert run_together(editor, builder) == []
    build_incidents(repository, rebuild=True)
    assert len(accepted) > 10
    assert {i: repository.get(i).notes for i in accepted} == accepted
    assert problems(engine) == []


def test_an_edit_and_a_merge_at_once_keep_the_edit_or_refuse_one(engine):
    repository = seed(engine, strikes=12)
    review = Review(repository)
    incidents = list(repository.all(IncidentFilters(sort="date")))
    for keep, other in zip(incidents[0::2], incidents[1::2], strict=True):
        results: dict[str, bool] = {}

        def edit(keep=keep, results=results):
            try:
                review.update(keep.id, {"notes": "seen"}, "ana", "x", keep.version)
                results["edit"] = True
            except EditConflict:
                results["edit"] = False

        def merge(keep=keep, other=other, results=results):
            try:
                review.merge([keep.id, other.id], "bo", "same", {keep.id: keep.version})
                results["merge"] = True
            except EditConflict:
                results["merge"] = False

        assert run_together(edit, merge) == []
        assert results["edit"] or results["merge"]
        if results["edit"]:
            assert repository.get(keep.id).notes == "seen"
    assert problems(engine) == []


def test_merges_sharing_an_incident_at_once_conflict_but_orphan_nothing(engine):
    repository = seed(engine, strikes=18)
    review = Review(repository)
    incidents = [i.id for i in repository.all(IncidentFilters(sort="date"))]
    outcomes = []
    for x, y, z in zip(incidents[0::3], incidents[1::3], incidents[2::3], strict=True):
        def merge(into, other):
            try:
                review.merge([into, other], "ana", "same")
                outcomes.append("merged")
            except (EditConflict, UnknownIncident) as exc:
                outcomes.append(type(exc).__name__)

        assert run_together(lambda x=x, y=y: merge(x, y), lambda y=y, z=z: merge(y, z)) == []
    assert "merged" in outcomes
    assert problems(engine) == []


def test_a_split_during_rebuilds_survives_and_breaks_nothing(engine):
    repository = seed(engine, strikes=20)
    review = Review(repository)
    targets = [i for i in repository.all(IncidentFilters(sort="date")) if len(i.event_ids) == 2]
    split_off = []

    def splitter():
        for incident in targets[:8]:
            with contextlib.suppress(EditConflict):
                split_off.append(review.split(incident.id, incident.event_ids[1:], "ana", "two"))

    def builder():
        for _ in range(4):
            build_incidents(repository, rebuild=True)

    assert run_together(splitter, builder) == []
    build_incidents(repository, rebuild=True)
    assert split_off
    for incident in split_off:
        assert repository.get(incident.id).event_ids == incident.event_ids
    assert problems(engine) == []


def test_two_builds_at_once_both_finish_and_agree(engine):
    documents = DocumentRepository(engine)
    repository = seed(engine, strikes=30)
    for n in range(30):  # new events for both builds to place
        report(documents, f"Another report of strike {n} in Tabqa.", town=TOWNS[n % 4],
               day=date(2016, 1, 1) + timedelta(days=3 * n), publisher="SOHR")
    waited = []
    builds = [lambda: build_incidents(repository, on_wait=lambda: waited.append(1))] * 2
    assert run_together(*builds) == []
    assert waited  # the second said so and waited instead of failing
    assert repository.count() == 30
    assert problems(engine) == []


def test_first_commands_on_a_fresh_database_at_once_all_succeed(db_url):
    script = ("import sys; from harmwatch.store import open_database; "
              "open_database(sys.argv[1]).dispose()")
    runs = [subprocess.Popen([sys.executable, "-c", script, db_url], stderr=subprocess.PIPE,
                             text=True) for _ in range(4)]
    errors = [p.communicate()[1] for p in runs if p.wait() != 0]
    assert errors == []
    engine = create(db_url)
    assert "incidents" in table_names(engine)
    engine.dispose()


class ChangedMidBuild(IncidentRepository):
    """A store where a person's change lands while the build is grouping (after it has read
    the events, before it writes): the race of findings 1 and 4, made certain."""

    def __init__(self, engine, change):
        super().__init__(engine)
        self.change = change

    def event_stream(self):
        yield from super().event_stream()
        if self.change:
            change, self.change = self.change, None
            change(IncidentRepository(self.engine))


def test_an_edit_saved_while_the_build_groups_is_kept_and_versioned(engine):
    repository = seed(engine, strikes=4)
    target = next(repository.all(IncidentFilters(sort="date")))
    report(DocumentRepository(engine), "A third report of the strike in Tabqa.", town="Tabqa",
           day=target.date_start, publisher="SOHR", killed=casualties(1))  # joins the target
    saved = []

    def edit(store):
        current = store.get(target.id)
        saved.append(Review(store).update(target.id, {"notes": "mid-build"}, "ana", "x",
                                          current.version))

    summary = build_incidents(ChangedMidBuild(engine, edit))
    after = repository.get(target.id)
    assert summary.updated == 1 and len(after.event_ids) == 3
    assert after.notes == "mid-build" and after.version == saved[0].version + 1


def test_a_merge_saved_while_the_build_groups_is_not_undone(engine):
    repository = seed(engine, strikes=4)
    first, second = list(repository.all(IncidentFilters(sort="date")))[:2]

    def merge(store):
        Review(store).merge([first.id, second.id], "ana", "same")

    build_incidents(ChangedMidBuild(engine, merge), rebuild=True)
    assert repository.get(second.id) is None
    assert set(repository.get(first.id).event_ids) == {*first.event_ids, *second.event_ids}
    assert problems(engine) == []
