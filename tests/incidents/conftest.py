"""The web fixtures (a seeded database, users, logged-in clients) for the review page tests."""

from tests.web.conftest import make_client, people, seeded  # noqa: F401 - fixtures
