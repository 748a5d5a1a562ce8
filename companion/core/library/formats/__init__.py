"""The format registry: which files are music or video, and how each tag family maps to fields.

Each tag family (ID3, Vorbis comments, MP4 atoms, ASF attributes, APEv2) is one small
class declaring its extensions and its field -> tag-key mapping (Picard / beets style).
"""

from companion.core.library.formats.registry import (
    IGNORED_EXTENSIONS,
    MUSIC_EXTENSIONS,
    VIDEO_EXTENSIONS,
    TagFormat,
    format_for_tags,
    kind_for_path,
)

__all__ = [
    "IGNORED_EXTENSIONS",
    "MUSIC_EXTENSIONS",
    "VIDEO_EXTENSIONS",
    "TagFormat",
    "format_for_tags",
    "kind_for_path",
]
