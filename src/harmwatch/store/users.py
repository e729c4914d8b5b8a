"""Users, their roles and API tokens: the one door to the users and api_tokens tables.

Passwords are stored as argon2id hashes; API tokens are random and only their SHA-256
is stored, so a copy of the database gives nobody a way in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from harmwatch.errors import UsageError
from harmwatch.store.tables import api_tokens, users

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
MIN_PASSWORD_LENGTH = 8
TOKEN_PREFIX = "hw_"

_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    created_at: datetime

    def can(self, needed: Role) -> bool:
        """True where this user's role is at least the needed one (viewer < editor < admin)."""
        return ROLES.index(self.role) >= ROLES.index(needed)


def _user(row) -> User:
    return User(id=row.id, name=row.name, role=row.role, created_at=row.created_at)


@cache
def _dummy_hash() -> str:
    """Verifying against this when the name is unknown costs what a real check costs."""
    return _hasher.hash(secrets.token_hex(16))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_role(role: str) -> Role:
    if role not in ROLES:
        raise UsageError(f"role {role!r} is not one of {', '.join(ROLES)}")
    return role  # type: ignore[return-value]


class UserRepository:
    def __init__(self, engine: Engine):
        self.engine = engine

    def add(self, name: str, password: str, role: str) -> User:
        name = name.strip()
        if not name:
            raise UsageError("a user needs a name")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise UsageError(f"the password for {name!r} is shorter than "
                             f"{MIN_PASSWORD_LENGTH} characters; choose a longer one")
        row = {"name": name, "role": check_role(role), "password_hash": _hasher.hash(password),
               "created_at": datetime.now(UTC)}
        try:
            with self.engine.begin() as connection:
                row["id"] = connection.execute(insert(users).values(**row)).inserted_primary_key[0]
        except IntegrityError as exc:
            raise UsageError(f"user {name!r} exists already; choose another name") from exc
        return User(id=row["id"], name=name, role=row["role"], created_at=row["created_at"])

    def get(self, name: str) -> User | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(users).where(users.c.name == name)).first()
        return _user(row) if row else None

    def by_id(self, user_id: int) -> User | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(users).where(users.c.id == user_id)).first()
        return _user(row) if row else None

    def all(self) -> list[User]:
        with self.engine.connect() as connection:
            return [_user(row) for row in connection.execute(select(users).order_by(users.c.name))]

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(users)).scalar_one()

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password is right, else None (same work either way: no timing hint)."""
        with self.engine.connect() as connection:
            row = connection.execute(select(users).where(users.c.name == name)).first()
        stored = row.password_hash if row else _dummy_hash()
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if _hasher.check_needs_rehash(stored):
            with self.engine.begin() as connection:
                connection.execute(update(users).where(users.c.id == row.id)
                                   .values(password_hash=_hasher.hash(password)))
        return _user(row)

    def set_role(self, name: str, role: str) -> None:
        with self.engine.begin() as connection:
            changed = connection.execute(update(users).where(users.c.name == name)
                                         .values(role=check_role(role))).rowcount
        if not changed:
            raise UsageError(f"there is no user {name!r}; `harmwatch users list` shows them")

    def create_token(self, name: str, label: str | None = None) -> str:
        """A new API token for the user; it is shown once and only its hash is kept."""
        user = self.get(name)
        if user is None:
            raise UsageError(f"there is no user {name!r}; add one with "
                             f"`harmwatch users add {name} --role editor`")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            connection.execute(insert(api_tokens).values(
                user_id=user.id, token_hash=_token_hash(token), label=label,
                created_at=datetime.now(UTC)))
        return token

    def user_for_token(self, token: str) -> User | None:
        query = (select(users).join(api_tokens, api_tokens.c.user_id == users.c.id)
                 .where(api_tokens.c.token_hash == _token_hash(token)))
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return _user(row) if row else None
