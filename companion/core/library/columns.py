"""The item columns a scan reads from a file, in the order workers send them (compact to pickle)."""

TAG_COLUMNS = (
    "kind",
    "size",
    "mtime_ns",
    "fingerprint",
    "title",
    "artist",
    "album_artist",
    "album",
    "genres",
    "year",
    "date",
    "track_no",
    "track_total",
    "disc_no",
    "disc_total",
    "duration",
    "bitrate",
    "sample_rate",
    "channels",
    "bpm",
    "mood",
    "mb_track_id",
    "mb_album_id",
    "mb_artist_id",
    "has_cover",
    "cover_key",
    "tag_rating",
    "tag_rating_source",
    "tag_play_count",
    "rg_track_gain",
    "rg_track_peak",
    "rg_album_gain",
    "rg_album_peak",
    "width",
    "height",
    "video_codec",
    "audio_codec",
    "container",
    "video_type",
    "show",
    "season",
    "episode",
    "cue_path",
    "cue_start",
    "cue_problem",
)
DEFAULTS = {"has_cover": 0}
FINGERPRINT = TAG_COLUMNS.index("fingerprint")
SIZE = TAG_COLUMNS.index("size")


def pack(rec: dict) -> tuple:
    """A reader's record as a tuple in TAG_COLUMNS order."""
    for key, value in DEFAULTS.items():
        rec.setdefault(key, value)
    return tuple(map(rec.get, TAG_COLUMNS))
