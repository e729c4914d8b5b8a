"""The import contract: stages import downward only (the layers in pyproject.toml's
``[tool.importlinter]``, drawn in docs/DESIGN.md), and a stage reaches another only through
that package's public surface, its ``__init__``."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "harmwatch"
# Each module of `evaluation` is the engine of one `harmwatch eval` command, and only the
# command line's eval modules use it: the command is that module's public surface.
MODULES_AS_SURFACE = {("harmwatch.cli", "harmwatch.evaluation")}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, include_external_packages=False, cache_dir=None)


def stage_of(module: str) -> str:
    """harmwatch.extract.arabic.events -> harmwatch.extract."""
    return ".".join(module.split(".")[:2])


def test_layers_hold_and_there_are_no_cycles():
    result = subprocess.run([sys.executable, "-m", "importlinter.cli", "--no-cache", "--config",
                             str(ROOT / "pyproject.toml")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_stages_meet_only_at_their_public_surface(graph):
    private = []
    for importer in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            source, target = stage_of(importer), stage_of(imported)
            if (source == target or imported == target or not graph.find_children(target)
                    or (source, target) in MODULES_AS_SURFACE):
                continue
            lines = [d["line_number"] for d in
                     graph.get_import_details(importer=importer, imported=imported)]
            private.append(f"{importer}:{lines} imports {imported}; import from {target}")
    assert not private, "\n".join(private)


def test_every_stage_is_in_a_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = config["tool"]["importlinter"]["contracts"][0]["layers"]
    declared = {name.strip() for layer in layers for name in layer.split("|")}
    source = ROOT / "src" / PACKAGE
    stages = {f"{PACKAGE}.{path.stem}" for path in source.iterdir()
              if path.suffix == ".py" and path.stem != "__init__"}
    stages |= {f"{PACKAGE}.{path.name}" for path in source.iterdir()
               if (path / "__init__.py").exists()}
    assert stages <= declared, f"in no layer: {sorted(stages - declared)}"
