"""`harmwatch serve`: the web app and JSON API on this machine."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from harmwatch.cli.base import DbOption, app, console
from harmwatch.store import UserRepository, open_database

log = logging.getLogger(__name__)


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
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

    Example: harmwatch serve --db team.db --port 8000 --public

    Nobody can log in until an admin exists: `harmwatch users add NAME --role admin`.
    """
    import uvicorn  # only this command needs the server

    from harmwatch.web import create_app

    engine = open_database(db)
    if UserRepository(engine).count() == 0:
        console.print("[yellow]no users yet:[/yellow] nobody can log in until you run "
                      "`harmwatch users add NAME --role admin`")
    web = create_app(engine, public=public, secret_key=secret_key, tile_url=tiles,
                     tile_attribution=tile_attribution, secure_cookies=secure_cookies,
                     allow_private_fetch=allow_private)
    console.print(f"serving on http://{host}:{port}/ (Ctrl-C stops)")
    uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)
