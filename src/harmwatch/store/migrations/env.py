"""Alembic environment: harmwatch passes its engine in; no alembic.ini is needed."""

from alembic import context

from harmwatch.store.tables import metadata

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=engine.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
