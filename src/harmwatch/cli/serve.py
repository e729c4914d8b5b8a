"""`harmwatch serve`: the web app and JSON API on this machine."""

from __future__ import annotations

import logging
import os
import secrets
import socket
from typing import Annotated

import typer

from harmwatch.cli.base import DbOption, app, console
from harmwatch.store import UserRepository, database_url, open_database

log = logging.getLogger(__name__)
# Worker processes build the app from environment variables (see web.app.from_environment).
APP_FACTORY = "harmwatch.web.app:from_environment"


def _worker_environment(db: str | None, public: bool, secret_key: str | None, tiles: str | None,
                        tile_attribution: str | None, secure_cookies: bool,
                        allow_private: bool) -> dict[str, str]:
    """The options as the variables the workers read; one key for all, so a session cookie
    signed by one worker is good at the others (random when none is given, as for one)."""
    flag = {True: "1", False: ""}
    return {"HARMWATCH_DB": database_url(db),
            "HARMWATCH_SECRET_KEY": secret_key or secrets.token_urlsafe(32),
            "HARMWATCH_PUBLIC": flag[public], "HARMWATCH_TILES": tiles or "",
            "HARMWATCH_TILE_ATTRIBUTION": tile_attribution or "",
            "HARMWATCH_SECURE_COOKIES": flag[secure_cookies],
            "HARMWATCH_ALLOW_PRIVATE_FETCH": flag[allow_private]}


def _run_workers(workers: int, settings: dict) -> None:
    """Worker processes sharing one listening socket, as `uvicorn --workers` runs them, but
    with the socket marked as TCP: uvicorn binds it with protocol 0, so asyncio leaves Nagle's
    algorithm on for every connection and each small response waits about 40 ms for the
    client's delayed ACK (uvicorn issue #3149; /health fell from 700 to 170 requests/s)."""
    from uvicorn import Config
    from uvicorn.supervisors import Multiprocess

    config = Config(APP_FACTORY, factory=True, workers=workers, **settings)
    bound = config.bind_socket()
    listener = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP,
                             fileno=bound.detach())
    Multiprocess(config, sockets=[listener]).run()


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(
        "--workers", min=1,
        help="Server processes; one per CPU core serves the most requests. Each keeps its own "
             "count of failed logins, so the login throttle allows that many times the tries.")
    ] = 1,
    public: Annotated[bool, typer.Option(
        "--public", help="Let anyone read without logging in (changes still need a login).")
    ] = False,
    secret_key: Annotated[str | None, typer.Option(
        "--secret-key", envvar="HARMWATCH_SECRET_KEY",
        help="Key that signs session cookies; without one, sessions end on restart.")] = None,
    tiles: Annotated[str | None, typer.Option(
        "--tiles", metavar="URL",
        help="Online map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
             "(default: none; the outlines shipped with harmwatch work offline).")] = None,
    tile_attribution: Annotated[str | None, typer.Option(
        "--tile-attribution", help="Credit line the tile provider asks for.")] = None,
    secure_cookies: Annotated[bool, typer.Option(
        "--secure-cookies", help="Send cookies over HTTPS only (behind a TLS proxy).")] = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let ingest by URL fetch loopback and private addresses.")
    ] = False,
) -> None:
    """Serve the incident list, map, timeline, review pages and the JSON API.

    Example: harmwatch serve --db team.db --port 8000 --public --workers 2

    Nobody can log in until an admin exists: `harmwatch users add NAME --role admin`.
    """
    import uvicorn  # only this command needs the server

    from harmwatch.web import create_app

    engine = open_database(db)  # migrated here, once, before any worker opens it
    if UserRepository(engine).count() == 0:
        console.print("[yellow]no users yet:[/yellow] nobody can log in until you run "
                      "`harmwatch users add NAME --role admin`")
    console.print(f"serving on http://{host}:{port}/ with {workers} worker(s) (Ctrl-C stops)")
    settings = {"host": host, "port": port, "log_level": "warning", "access_log": False}
    if workers > 1:
        engine.dispose()
        os.environ.update(_worker_environment(db, public, secret_key, tiles, tile_attribution,
                                              secure_cookies, allow_private))
        _run_workers(workers, settings)
        return
    web = create_app(engine, public=public, secret_key=secret_key, tile_url=tiles,
                     tile_attribution=tile_attribution, secure_cookies=secure_cookies,
                     allow_private_fetch=allow_private)
    uvicorn.run(web, **settings)
