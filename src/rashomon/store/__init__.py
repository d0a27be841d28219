"""The store: every stage's output in one SQLite file or one PostgreSQL database."""

from rashomon.store.database import DOCUMENT_TABLES, SCHEMA_VERSION, Store, is_postgres

__all__ = ["DOCUMENT_TABLES", "SCHEMA_VERSION", "Store", "is_postgres"]
