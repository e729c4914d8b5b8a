"""Groups of options several commands share, declared once.

`option_group(flags, build, into)` returns a decorator: the command's signature gains the
group's flags, and the command receives one value built from them (a SourceOptions, an
IncidentFilters) as the parameter named `into`, so each command lists the group once.
"""

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

Flags = dict[str, tuple[Any, Any]]  # name -> (Annotated typer option, default)


def option_group(flags: Flags, build: Callable[[dict], Any], into: str):
    def decorate(command):
        # eval_str resolves the command module's own postponed annotations.
        signature = inspect.signature(command, eval_str=True)
        kept = [p for p in signature.parameters.values() if p.name != into]
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                   annotation=annotation)
                 for name, (annotation, default) in flags.items()]

        @wraps(command)
        def wrapper(*args, **kwargs):
            values = {name: kwargs.pop(name) for name in flags}
            return command(*args, **{into: build(values)}, **kwargs)

        wrapper.__signature__ = signature.replace(parameters=kept + added)
        wrapper.__annotations__ = {p.name: p.annotation for p in kept + added}
        return wrapper

    return decorate
