"""`harmwatch users`: who may use the web app, with which role, and API tokens for scripts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import DbOption, app, out
from harmwatch.errors import UsageError
from harmwatch.store import ROLES, UserRepository, open_database

users_app = typer.Typer(help="Users, roles (viewer, editor, admin) and API tokens.",
                        no_args_is_help=True)
app.add_typer(users_app, name="users")

RoleOption = Annotated[str, typer.Option(
    "--role", help=f"One of {', '.join(ROLES)}: viewers read, editors correct, admins too.")]


def _password(name: str) -> str:
    """From a terminal: asked twice, not echoed; from a pipe: the first line of stdin."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UsageError(f"no password for {name!r} on stdin; pipe one in, e.g. "
                             f"`printf '%s\\n' \"$PASS\" | harmwatch users add {name} ...`")
        return line
    return typer.prompt(f"password for {name}", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def add_command(name: str, role: RoleOption = "viewer", db: DbOption = None) -> None:
    """Add a user; the password is asked for (or read from stdin when piped).

    Example: harmwatch users add amal --role editor --db team.db
    """
    repository = UserRepository(open_database(db))
    user = repository.add(name, _password(name), role)
    out.print(f"added {user.name} ({user.role})")


@users_app.command("list")
def list_command(db: DbOption = None) -> None:
    """List users and their roles.

    Example: harmwatch users list --db team.db
    """
    table = Table("name", "role", "created")
    for user in UserRepository(open_database(db)).all():
        table.add_row(user.name, user.role, f"{user.created_at:%Y-%m-%d %H:%M}")
    out.print(table)


@users_app.command("role")
def role_command(name: str, role: Annotated[str, typer.Argument(help=", ".join(ROLES))],
                 db: DbOption = None) -> None:
    """Change a user's role.

    Example: harmwatch users role amal admin --db team.db
    """
    UserRepository(open_database(db)).set_role(name, role)
    out.print(f"{name} is now {role}")


@users_app.command("token")
def token_command(
    name: str,
    label: Annotated[str | None, typer.Option("--label", help="What the token is for.")] = None,
    db: DbOption = None,
) -> None:
    """Make an API token for scripts (Authorization: Bearer TOKEN); it is shown only once.

    Example: harmwatch users token amal --label nightly-export --db team.db
    """
    token = UserRepository(open_database(db)).create_token(name, label)
    out.print(token)
