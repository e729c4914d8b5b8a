"""The trends report: series, change points in sentences, HTML and charts."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from harmwatch.analysis import write_report
from harmwatch.analysis.changepoints import breakpoints, sentences, shifts
from harmwatch.analysis.series import timeline
from harmwatch.errors import UsageError
from harmwatch.incidents import build_incidents
from harmwatch.model import Document
from harmwatch.store import DocumentRepository, IncidentFilters, IncidentRepository, open_database
from tests.incidents.factory import casualties, make_event, store_report

PNG = b"\x89PNG\r\n\x1a\n"


def month(n: int) -> date:
    """The first day of the n-th month from October 2014."""
    return date(2014 + (9 + n) // 12, (9 + n) % 12 + 1, 1)


def scenario(documents: DocumentRepository) -> None:
    """Coalition strikes on oil facilities: 9 a month for 6 months, then 2 a month; coalition
    strikes on named individuals: 1 a month, then 7; government shelling: 4 a month."""
    plan = [("coalition", "air_strike", "oil_facility", [9] * 6 + [2] * 6, ["Tabqa", "Maskanah"]),
            ("coalition", "drone_strike", "individual", [1] * 6 + [7] * 6, ["Al-Mansoura"]),
            ("syrian_government", "shelling", "residential", [4] * 12, ["Raqqa"])]
    for actor, method, target, per_month, towns in plan:
        for n, count in enumerate(per_month):
            for k in range(count):
                day = month(n) + timedelta(days=3 * k)  # one place is never hit twice in 2 days
                text = f"{method} on {target} number {k} in month {n} by {actor}"
                document = Document(text=text)
                event = make_event(text, town=towns[(k + n) % len(towns)], day=day, actor=actor,
                                   method=method, targets=(target,),
                                   killed=casualties(civilians=2 if target != "individual"
                                                     else 0),
                                   event_id=f"{document.id}:e1")
                store_report(documents, text, event, publisher="Monitor")


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    engine = open_database(f"sqlite:///{tmp_path_factory.mktemp('report') / 'r.db'}")
    scenario(DocumentRepository(engine))
    repository = IncidentRepository(engine)
    build_incidents(repository)
    return repository


def test_breakpoints_find_a_step_and_ignore_noise():
    rng = np.random.default_rng(1)
    step = np.concatenate([rng.poisson(20, 12), rng.poisson(5, 12)]).astype(float)
    assert breakpoints(step) == [12]
    flat = rng.poisson(8, 24).astype(float)
    assert breakpoints(flat) == []


def test_the_shifts_are_stated_in_sentences(repository):
    line = timeline(repository.all(), "month", repository.actor_names())
    methods = {s.category: s for s in line.series["method"]}
    found = [s for series in methods.values() for s in shifts(series, "incidents")]
    # Each series' own change, in its own sentence with its figures: never paired.
    assert sentences(found, "month") == [
        "Air strikes fell from 9 a month in Oct 2014–Mar 2015 to 2 a month in Apr–Sep 2015.",
        "Drone strikes rose from 1 a month in Oct 2014–Mar 2015 to 7 a month in Apr–Sep 2015."]
    assert shifts(methods["shelling"], "incidents") == []


def test_report_writes_html_and_charts(repository, tmp_path):
    report = write_report(repository, tmp_path / "out", "month")
    html = report.html.read_text(encoding="utf-8")
    assert {p.name for p in report.charts} == {"overview.png", "actor.png", "method.png",
                                               "target.png"}
    for chart in report.charts:
        assert chart.read_bytes().startswith(PNG) and chart.stat().st_size > 20_000
        assert f'src="{chart.name}"' in html
    assert "Air strikes fell from 9 a month" in html
    assert "attacks on oil facility targets" in html
    assert "civilian deaths" in html


def test_weekly_report_and_filters(repository, tmp_path):
    report = write_report(repository, tmp_path / "weekly", "week",
                          IncidentFilters(actor="syrian_government"))
    assert "actor: syrian_government" in report.html.read_text(encoding="utf-8")


def test_nothing_to_report_is_a_clear_error(repository, tmp_path):
    with pytest.raises(UsageError, match="no dated incidents"):
        write_report(repository, tmp_path / "none", "month", IncidentFilters(actor="nobody"))


def test_the_headline_says_who_struck_what_once(repository, tmp_path):
    report = write_report(repository, tmp_path / "headline", "month")
    assert report.sentences == [
        "Civilian deaths in attacks by US-led coalition on oil facility targets fell from 18 a "
        "month in Oct 2014–Mar 2015 to 4 a month in Apr–Sep 2015.",
        "Attacks by US-led coalition on oil facility targets fell from 9 a month in Oct 2014–"
        "Mar 2015 to 2 a month in Apr–Sep 2015.",
        "Attacks by US-led coalition on individual targets rose from 1 a month in Oct 2014–"
        "Mar 2015 to 7 a month in Apr–Sep 2015.",
    ]


def test_the_span_is_the_datas_and_coarse_dates_are_spread(repository):
    from harmwatch.analysis.periods import span_of, spread

    days = [date(2015, 1, 1) + timedelta(days=n) for n in range(300)] + [date(1965, 1, 1)]
    assert span_of(days) == (date(2015, 1, 1), date(2015, 10, 27))
    weeks = spread(date(2016, 3, 1), date(2016, 3, 31), "week")
    assert len(weeks) == 5 and sum(share for _, share in weeks) == pytest.approx(1)
    assert spread(date(2016, 3, 1), date(2016, 3, 31), "month") == [(date(2016, 3, 1), 1.0)]


def test_the_report_reports_progress_and_draws_small_multiples(repository, tmp_path):
    from contextlib import contextmanager

    steps: dict[str, int] = {}

    @contextmanager
    def progress(description, total, unit=""):
        steps[description] = 0

        def advance(n=1):
            steps[description] += n
        yield advance
        assert steps[description] == total

    report = write_report(repository, tmp_path / "progress", "month", progress=progress)
    assert steps["reading incidents"] == repository.count() and steps["finding shifts"] > 3
    header = (tmp_path / "progress" / "method.png").read_bytes()[16:24]
    height = int.from_bytes(header[4:], "big")  # the PNG's IHDR: width, height
    assert height > 400  # a panel per method, not one tangle of lines
    assert "method.png" in report.html.read_text(encoding="utf-8")
