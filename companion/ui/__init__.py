"""PySide6 widgets, item models and the tray. No business logic lives here."""
