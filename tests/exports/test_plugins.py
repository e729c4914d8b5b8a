"""An exporter installed as a plugin (an entry point of a package on sys.path) is found and
served like the built-ins: by the CLI under its name, by the web with its own media type."""

from __future__ import annotations

import sys
import textwrap

import pytest
from fastapi.testclient import TestClient

from harmwatch.exports import ENTRY_POINT_GROUP, exporters, media_type, registry
from harmwatch.store import UserRepository, open_database
from harmwatch.web import create_app
from tests.web.conftest import PASSWORD, csrf_of

PLUGIN = '''
class IdsExporter:
    name = "ids"
    suffix = ".txt"
    media_type = "text/x-incident-ids; charset=utf-8"
    description = "incident ids, one a line"

    def write(self, incidents, events_of, stream):
        ids = [incident.id for incident in incidents]
        stream.write("".join(f"{i}\\n" for i in ids).encode())
        return len(ids)
'''


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A package `hw_ids_plugin` with its dist-info, as pip would install it."""
    (tmp_path / "hw_ids_plugin.py").write_text(PLUGIN)
    dist = tmp_path / "hw_ids_plugin-0.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: hw-ids-plugin\nVersion: 0.0\n")
    (dist / "entry_points.txt").write_text(textwrap.dedent(f"""\
        [{ENTRY_POINT_GROUP}]
        ids = hw_ids_plugin:IdsExporter
        """))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_registry", {})
    monkeypatch.setattr(registry, "_loaded", False)
    yield
    sys.modules.pop("hw_ids_plugin", None)


def test_built_ins_come_through_the_entry_point_door(installed_plugin):
    found = exporters()
    assert {"acled", "geojson", "jsonl", "parquet", "ids"} <= set(found)
    assert media_type(found["parquet"]) == "application/vnd.apache.parquet"
    assert media_type(found["ids"]) == "text/x-incident-ids; charset=utf-8"


def test_a_plugin_exporter_works_from_the_cli(installed_plugin, built_db, cli, tmp_path):
    target = tmp_path / "ids.txt"
    result = cli("export", "--format", "ids", "-o", target, "--db", built_db)
    assert result.exit_code == 0, result.output
    assert len(target.read_text().split()) == 4
    assert all(line.startswith("inc-") for line in target.read_text().split())


def test_a_plugin_exporter_is_served_with_its_own_media_type(installed_plugin, built_db):
    engine = open_database(built_db)
    UserRepository(engine).add("carla", PASSWORD, "viewer")
    with TestClient(create_app(engine, secret_key="k"), follow_redirects=False) as client:
        page = client.get("/login")
        client.post("/login", data={"name": "carla", "password": PASSWORD,
                                    "csrf_token": csrf_of(page.text)})
        listed = client.get("/api/exports").json()["formats"]
        assert {"name": "ids", "media_type": "text/x-incident-ids; charset=utf-8"}.items() \
            <= next(f for f in listed if f["name"] == "ids").items()
        response = client.get("/api/exports/ids", params={"method": "shelling"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/x-incident-ids; charset=utf-8"
    assert len(response.text.split()) == 1
