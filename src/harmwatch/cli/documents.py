"""`harmwatch documents`: what is stored."""

from itertools import islice

from harmwatch.cli.base import DbOption, app, out
from harmwatch.cli.listing import Listing, emit, narrow_table, open_existing, with_listing
from harmwatch.model import Document
from harmwatch.store import DocumentRepository


@app.command("documents")
@with_listing(default_limit=50)
def documents_command(listing: Listing, db: DbOption = None) -> None:
    """List stored documents with their dates, publishers and event counts.

    Example: harmwatch documents --db team.db -n 20
    """
    repository = DocumentRepository(open_existing(db))
    counts = repository.event_counts()

    def row(document: Document) -> dict:
        return {"id": document.id, "published": str(document.published or ""),
                "publisher": document.publisher or "", "language": document.language or "",
                "events": counts.get(document.id, 0),
                "title": document.title or document.source or "", "url": document.url or ""}

    def table(documents: list[Document]):
        grid = narrow_table("id", "published", "events", "title", no_wrap=("id", "published"))
        for document in documents:
            values = row(document)
            grid.add_row(values["id"], values["published"], str(values["events"]),
                         values["title"])
        return grid

    shown = list(islice(repository.all(), listing.limit))
    emit(listing, shown, lambda d: {**d.model_dump(mode="json", exclude={"text"}),
                                    "events": counts.get(d.id, 0)}, row, table)
    if listing.output == "table":
        out.print(f"{len(shown)} of {repository.count()} document(s) stored")
