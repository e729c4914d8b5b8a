"""Users, their roles and API tokens: the one door to the users and api_tokens tables.

Passwords are stored as argon2id hashes; API tokens are random and only their SHA-256
is stored, so a copy of the database gives nobody a way in. A user's session generation is
raised by logout, a new password or a new role: the cookies made before it stop working.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from harmwatch.errors import UsageError
from harmwatch.store.db import reader
from harmwatch.store.tables import api_tokens, audit_log, users

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
MIN_PASSWORD_LENGTH = 8
TOKEN_PREFIX = "hw_"
# A token's use is written down (last_used_at and an audit entry) at most this often, so a
# script's thousand requests an hour cost one write, not a thousand.
TOKEN_USE_RECORDED_EVERY = timedelta(hours=1)

_hasher = PasswordHasher()
# Every web request reads its user with one of these two. They are built once: building a
# statement and computing its cache key cost more than SQLite's indexed lookup itself (a token
# check 0.58 -> 0.11 ms).
USER_BY_ID = select(users).where(users.c.id == bindparam("user_id"))
USER_BY_TOKEN = (
    select(users, api_tokens.c.id.label("token_id"), api_tokens.c.last_used_at)
    .join(api_tokens, api_tokens.c.user_id == users.c.id)
    .where(api_tokens.c.token_hash == bindparam("token_hash"),
           or_(api_tokens.c.expires_at.is_(None), api_tokens.c.expires_at > bindparam("now"))))


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    created_at: datetime
    session_generation: int = 0

    def can(self, needed: Role) -> bool:
        """True where this user's role is at least the needed one (viewer < editor < admin)."""
        return ROLES.index(self.role) >= ROLES.index(needed)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    label: str | None
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None


def _user(row) -> User:
    return User(id=row.id, name=row.name, role=row.role, created_at=row.created_at,
                session_generation=row.session_generation)


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; they were stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment


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
        self._reads = reader(engine)  # every request reads its user: one round trip

    def add(self, name: str, password: str, role: str) -> User:
        name = name.strip()
        if not name:
            raise UsageError("a user needs a name")
        _check_password(name, password)
        row = {"name": name, "role": check_role(role), "password_hash": _hasher.hash(password),
               "created_at": datetime.now(UTC)}
        try:
            with self.engine.begin() as connection:
                row["id"] = connection.execute(insert(users).values(**row)).inserted_primary_key[0]
        except IntegrityError as exc:
            raise UsageError(f"user {name!r} exists already; choose another name") from exc
        return User(id=row["id"], name=name, role=row["role"], created_at=row["created_at"])

    def get(self, name: str) -> User | None:
        with self._reads.connect() as connection:
            row = connection.execute(select(users).where(users.c.name == name)).first()
        return _user(row) if row else None

    def by_id(self, user_id: int) -> User | None:
        with self._reads.connect() as connection:
            row = connection.execute(USER_BY_ID, {"user_id": user_id}).first()
        return _user(row) if row else None

    def all(self) -> list[User]:
        with self._reads.connect() as connection:
            return [_user(row) for row in connection.execute(select(users).order_by(users.c.name))]

    def count(self) -> int:
        with self._reads.connect() as connection:
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

    def _update_user(self, name: str, **values) -> None:
        """Change the user's row and end every session they have."""
        with self.engine.begin() as connection:
            changed = connection.execute(
                update(users).where(users.c.name == name)
                .values(session_generation=users.c.session_generation + 1, **values)).rowcount
        if not changed:
            raise UsageError(f"there is no user {name!r}; `harmwatch users list` shows them")

    def set_role(self, name: str, role: str) -> None:
        """A new role; the user logs in again to use it (their sessions end)."""
        self._update_user(name, role=check_role(role))

    def set_password(self, name: str, password: str) -> None:
        """A new password; every session made with the old one ends."""
        _check_password(name, password)
        self._update_user(name, password_hash=_hasher.hash(password))

    def end_sessions(self, name: str) -> None:
        """Log the user out everywhere (logout, `harmwatch users revoke-sessions`)."""
        self._update_user(name)

    def _existing(self, name: str) -> User:
        user = self.get(name)
        if user is None:
            raise UsageError(f"there is no user {name!r}; add one with "
                             f"`harmwatch users add {name} --role editor`")
        return user

    def create_token(self, name: str, label: str | None = None,
                     expires_in: timedelta | None = None) -> str:
        """A new API token for the user; it is shown once and only its hash is kept."""
        user = self._existing(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self.engine.begin() as connection:
            connection.execute(insert(api_tokens).values(
                user_id=user.id, token_hash=_token_hash(token), label=label, created_at=now,
                expires_at=now + expires_in if expires_in else None))
        return token

    def tokens(self, name: str) -> list[TokenInfo]:
        """The user's tokens (never the tokens themselves: only their hashes are kept)."""
        user = self._existing(name)
        query = (select(api_tokens).where(api_tokens.c.user_id == user.id)
                 .order_by(api_tokens.c.id))
        with self.engine.connect() as connection:
            return [TokenInfo(id=row.id, label=row.label, created_at=_aware(row.created_at),
                              expires_at=_aware(row.expires_at),
                              last_used_at=_aware(row.last_used_at))
                    for row in connection.execute(query)]

    def revoke_token(self, token_id: int, who: str) -> None:
        with self.engine.begin() as connection:
            if not connection.execute(delete(api_tokens)
                                      .where(api_tokens.c.id == token_id)).rowcount:
                raise UsageError(f"there is no API token {token_id}; `harmwatch users tokens "
                                 "NAME` lists them")
            _record(connection, who, "revoke", token_id)

    def user_for_token(self, token: str) -> User | None:
        """The token's user, if the token exists and has not expired; its use is recorded."""
        now = datetime.now(UTC)
        with self._reads.connect() as connection:
            row = connection.execute(USER_BY_TOKEN, {"token_hash": _token_hash(token),
                                                     "now": now}).first()
        if row is None:
            return None
        last_used = _aware(row.last_used_at)
        if last_used is None or now - last_used >= TOKEN_USE_RECORDED_EVERY:
            with self.engine.begin() as connection:
                connection.execute(update(api_tokens).where(api_tokens.c.id == row.token_id)
                                   .values(last_used_at=now))
                _record(connection, row.name, "use", row.token_id)
        return _user(row)


def _record(connection, who: str, action: str, token_id: int) -> None:
    """An audit entry about an API token (object_type 'api_token', by its id)."""
    connection.execute(insert(audit_log).values(
        at=datetime.now(UTC), who=who, action=action, object_type="api_token",
        object_id=str(token_id)))


def _check_password(name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsageError(f"the password for {name!r} is shorter than "
                         f"{MIN_PASSWORD_LENGTH} characters; choose a longer one")
