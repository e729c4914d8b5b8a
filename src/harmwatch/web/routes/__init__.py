"""The routes, one module per page or feature."""

from harmwatch.web.routes import data, documents, incidents, meta, review, session

ROUTERS = [meta.router, session.router, incidents.router, review.router, documents.router,
           data.router]
