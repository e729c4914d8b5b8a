"""`harmwatch users`: add (password from stdin), list, role, token; and bad input."""

from __future__ import annotations

from harmwatch.store import UserRepository, open_database


def test_add_reads_the_password_from_stdin(cli, tmp_path):
    db = tmp_path / "team.db"
    result = cli("users", "add", "amal", "--role", "admin", "--db", db, input="s3cret-pass\n")
    assert result.exit_code == 0, result.output
    users = UserRepository(open_database(str(db)))
    assert users.authenticate("amal", "s3cret-pass").role == "admin"
    listed = cli("users", "list", "--db", db)
    assert "amal" in listed.stdout and "admin" in listed.stdout


def test_add_without_a_password_is_a_usage_error(cli, tmp_path):
    result = cli("users", "add", "amal", "--db", tmp_path / "team.db", input="")
    assert result.exit_code == 2
    assert "no password" in result.stderr


def test_bad_role_is_a_usage_error(cli, tmp_path):
    result = cli("users", "add", "amal", "--role", "boss", "--db", tmp_path / "t.db",
                 input="s3cret-pass\n")
    assert result.exit_code == 2 and "viewer, editor, admin" in result.stderr


def test_token_is_printed_once_and_works(cli, tmp_path):
    db = tmp_path / "team.db"
    cli("users", "add", "amal", "--role", "editor", "--db", db, input="s3cret-pass\n")
    result = cli("users", "token", "amal", "--label", "cron", "--db", db)
    assert result.exit_code == 0
    token = result.stdout.strip()
    assert UserRepository(open_database(str(db))).user_for_token(token).name == "amal"
    assert cli("users", "token", "nobody", "--db", db).exit_code == 2


def test_role_changes_a_role(cli, tmp_path):
    db = tmp_path / "team.db"
    cli("users", "add", "amal", "--db", db, input="s3cret-pass\n")
    assert cli("users", "role", "amal", "editor", "--db", db).exit_code == 0
    assert UserRepository(open_database(str(db))).get("amal").role == "editor"
