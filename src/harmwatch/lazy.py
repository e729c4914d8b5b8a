"""Lazy public surfaces: a package names what it exports and imports a module on first use.

A command imports only what it uses (spaCy when it extracts, matplotlib when it draws), so
the packages' `__init__`s must not import their modules eagerly (PEP 562).
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable


class _LazyPackage(types.ModuleType):
    """A package whose export may share its module's name (`incidents.assemble`, the
    function, from `incidents/assemble.py`): importing the module must not replace the
    export by the module, as the import system does when it binds a submodule."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and name in vars(self).get("_exported", ()):
            value = getattr(value, name)
        super().__setattr__(name, value)


def lazy_exports(package: str, modules: dict[str, list[str]]
                 ) -> tuple[Callable[[str], object], Callable[[], list[str]], list[str]]:
    """`__getattr__`, `__dir__` and `__all__` for `package`, exporting from each submodule
    (relative name) the names listed for it."""
    home = {name: module for module, names in modules.items() for name in names}
    namespace = sys.modules[package]
    namespace.__class__ = _LazyPackage
    vars(namespace)["_exported"] = frozenset(home)

    def __getattr__(name: str) -> object:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home[name]}"), name)
        setattr(namespace, name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(home)

    return __getattr__, __dir__, sorted(home)
