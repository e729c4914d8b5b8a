"""`harmwatch users`: who may use the web app, with which role, and API tokens for scripts."""

from __future__ import annotations

import re
import sys
from datetime import timedelta
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


@users_app.command("password")
def password_command(name: str, db: DbOption = None) -> None:
    """Set a new password (asked for, or read from stdin); the user's sessions end.

    Example: harmwatch users password amal --db team.db
    """
    UserRepository(open_database(db)).set_password(name, _password(name))
    out.print(f"new password set for {name}; their sessions have ended")


@users_app.command("revoke-sessions")
def revoke_sessions_command(name: str, db: DbOption = None) -> None:
    """Log a user out everywhere: every session cookie they hold stops working.

    Example: harmwatch users revoke-sessions amal --db team.db
    """
    UserRepository(open_database(db)).end_sessions(name)
    out.print(f"every session of {name} has ended")


_DURATION = re.compile(r"(\d+)([dhw])")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta:
    """'90d', '12h' or '2w' as a time span."""
    match = _DURATION.fullmatch(text.strip().lower())
    if not match or int(match.group(1)) == 0:
        raise UsageError(f"--expires {text!r} is not a duration like 90d, 12h or 2w")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


@users_app.command("token")
def token_command(
    name: str,
    label: Annotated[str | None, typer.Option("--label", help="What the token is for.")] = None,
    expires: Annotated[str | None, typer.Option(
        "--expires", help="Lifetime, e.g. 90d, 12h or 2w (default: until revoked).")] = None,
    db: DbOption = None,
) -> None:
    """Make an API token for scripts (Authorization: Bearer TOKEN); it is shown only once.

    Example: harmwatch users token amal --label nightly-export --expires 90d --db team.db
    """
    lifetime = parse_duration(expires) if expires else None
    token = UserRepository(open_database(db)).create_token(name, label, lifetime)
    out.print(token)


@users_app.command("tokens")
def tokens_command(name: str, db: DbOption = None) -> None:
    """List a user's API tokens: id, label, created, expires, last used (not the secrets).

    Example: harmwatch users tokens amal --db team.db
    """
    table = Table("id", "label", "created", "expires", "last used")
    when = lambda moment: f"{moment:%Y-%m-%d %H:%M}" if moment else "-"  # noqa: E731
    for token in UserRepository(open_database(db)).tokens(name):
        table.add_row(str(token.id), token.label or "", when(token.created_at),
                      when(token.expires_at), when(token.last_used_at))
    out.print(table)


@users_app.command("revoke")
def revoke_command(
    token_id: Annotated[int, typer.Argument(help="The id `harmwatch users tokens` shows.")],
    db: DbOption = None,
) -> None:
    """Revoke an API token at once (recorded in the audit log).

    Example: harmwatch users revoke 3 --db team.db
    """
    UserRepository(open_database(db)).revoke_token(token_id, who=_operator())
    out.print(f"API token {token_id} revoked")


def _operator() -> str:
    """Who runs the command, for the audit log."""
    import getpass

    return f"cli:{getpass.getuser()}"
