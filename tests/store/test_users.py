"""Users, roles and API tokens on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from harmwatch.errors import UsageError
from harmwatch.store import UserRepository


def test_add_and_authenticate(engine):
    users = UserRepository(engine)
    users.add("amal", "a long password", "editor")
    assert users.authenticate("amal", "a long password").role == "editor"
    assert users.authenticate("amal", "wrong password") is None
    assert users.authenticate("nobody", "a long password") is None


def test_roles_rank_viewer_editor_admin(engine):
    users = UserRepository(engine)
    viewer = users.add("v", "password1", "viewer")
    admin = users.add("a", "password1", "admin")
    assert not viewer.can("editor") and admin.can("editor") and admin.can("viewer")


@pytest.mark.parametrize(("name", "password", "role", "problem"), [
    ("amal", "short", "editor", "shorter than"),
    ("amal", "long enough", "owner", "not one of"),
    ("  ", "long enough", "viewer", "needs a name"),
])
def test_bad_users_are_refused_with_a_reason(engine, name, password, role, problem):
    with pytest.raises(UsageError, match=problem):
        UserRepository(engine).add(name, password, role)


def test_a_name_is_taken_once(engine):
    users = UserRepository(engine)
    users.add("amal", "password1", "viewer")
    with pytest.raises(UsageError, match="exists already"):
        users.add("amal", "password2", "admin")


def test_tokens_are_stored_hashed_and_find_their_user(engine):
    from sqlalchemy import select

    from harmwatch.store.tables import api_tokens

    users = UserRepository(engine)
    users.add("amal", "password1", "editor")
    token = users.create_token("amal", "cron")
    assert users.user_for_token(token).name == "amal"
    assert users.user_for_token(token + "x") is None
    with engine.connect() as connection:
        stored = connection.execute(select(api_tokens.c.token_hash)).scalar_one()
    assert token not in stored and len(stored) == 64


def test_set_role(engine):
    users = UserRepository(engine)
    users.add("amal", "password1", "viewer")
    users.set_role("amal", "admin")
    assert users.get("amal").role == "admin"
    with pytest.raises(UsageError, match="no user"):
        users.set_role("nobody", "admin")
