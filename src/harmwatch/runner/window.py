"""A bounded number of batches in flight, results handed back as they finish (or in order).

Shared by the local process pool and the Dask cluster: both return futures with
`result()`, and both can wait for the first of several to finish.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from harmwatch.model import Document
from harmwatch.runner.inprocess import Outcome

log = logging.getLogger(__name__)
# A batch whose worker died is sent again once; a second loss records its documents failed.
ATTEMPTS = 2
Submit = Callable[[list[Document]], Any]
WaitFirst = Callable[[list[Any]], Collection[Any]]


@dataclass(eq=False)
class _Flight:
    batch: list[Document]
    future: Any
    attempt: int = 1


def _outcomes(flight: _Flight, submit: Submit) -> list[Outcome] | _Flight:
    """The batch's outcomes, or the flight that retries it."""
    try:
        return flight.future.result()
    except Exception as exc:
        reason = f"worker lost: {exc.__class__.__name__}: {exc}"
        if flight.attempt < ATTEMPTS:
            log.warning("%s; sending its batch of %d document(s) again", reason,
                        len(flight.batch))
            return _Flight(flight.batch, submit(flight.batch), flight.attempt + 1)
        log.error("%s; recording its %d document(s) as failed", reason, len(flight.batch))
        return [Outcome(error=reason) for _ in flight.batch]


def windowed(batches: Iterable[list[Document]], submit: Submit, wait_first: WaitFirst,
             window: int, ordered: bool = False
             ) -> Iterator[tuple[list[Document], list[Outcome]]]:
    """(batch, outcomes) as batches finish (in input order if `ordered`), at most `window`
    batches submitted and not yet handed back, so memory stays bounded on any input."""
    flights: deque[_Flight] = deque()
    source = iter(batches)
    more = True
    while True:
        while more and len(flights) < window:
            batch = next(source, None)
            if batch is None:
                more = False
            else:
                flights.append(_Flight(batch, submit(batch)))
        if not flights:
            return
        if ordered:
            done = [flights[0]]
        else:
            finished = set(wait_first([f.future for f in flights]))
            done = [f for f in flights if f.future in finished]
        for flight in done:
            flights.remove(flight)
            outcomes = _outcomes(flight, submit)
            if isinstance(outcomes, _Flight):
                (flights.appendleft if ordered else flights.append)(outcomes)
            else:
                yield flight.batch, outcomes
