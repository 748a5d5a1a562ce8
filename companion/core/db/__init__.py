"""SQLite storage: connections, numbered migrations, small repositories."""

from companion.core.db.connection import connect, open_profile_db

__all__ = ["connect", "open_profile_db"]
