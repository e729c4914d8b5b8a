"""Exceptions whose messages name the input, the problem and the way out."""


class HarmwatchError(Exception):
    """Base class: a problem the user can fix; the CLI prints it and exits non-zero."""

    exit_code = 1


class UsageError(HarmwatchError):
    """The command was given options that do not fit together."""

    exit_code = 2


class SourceError(HarmwatchError):
    """An input could not be read into a document."""

    def __init__(self, source: str, reason: str, location: str | None = None):
        self.source = source
        self.reason = reason
        self.location = location
        where = f"{source}:{location}" if location else source
        super().__init__(f"{where}: {reason}")


class FetchRefused(SourceError):
    """A URL was refused before any request was sent (scheme or address)."""


class StoreError(HarmwatchError):
    """The database could not be opened, migrated or written."""

    exit_code = 3


class EditConflict(HarmwatchError):
    """Someone else changed the incident since it was read."""

    def __init__(self, incident_id: str, expected: int | None, current: int | None,
                 detail: str | None = None):
        self.incident_id = incident_id
        self.expected = expected
        self.current = current
        super().__init__(detail or (
            f"incident {incident_id} was changed by someone else (version {current}, you edited "
            f"version {expected}); reload it, re-apply your change and save again"))


class UnknownIncident(HarmwatchError):
    def __init__(self, incident_id: str):
        super().__init__(f"no incident {incident_id!r}; `harmwatch incidents list` shows the ids")


class InvalidEdit(HarmwatchError):
    """A correction whose values do not make a valid incident (e.g. killed min > max)."""
