"""The app's own error types: everything a person may see as one clear line."""


class CompanionError(Exception):
    """A problem the user can understand and act on; shown as one line, never a traceback."""


class UsageError(CompanionError):
    """Bad arguments or values given by the user."""


class MediaError(CompanionError):
    """A media file that cannot be read, decoded or played."""
