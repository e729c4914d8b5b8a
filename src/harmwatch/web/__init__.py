"""The web app and JSON API: review incidents on a map, see the evidence, correct it."""

from harmwatch.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
