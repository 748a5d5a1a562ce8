"""What the demo library contains: fictional artists, albums, a show and a movie.

Each artist has a sound (tempo, key, brightness) so the audio analysis finds real
differences, and a genre and mood so the home has something to group by.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoArtist:
    name: str
    album: str
    year: int
    genre: str
    mood: str
    bpm: float
    root_hz: float
    minor: bool
    brightness: float
    ext: str
    titles: tuple[str, ...]


@dataclass(frozen=True)
class DemoVideo:
    relpath: str  # under the demo folder; names follow what guessit understands
    title: str
    seconds: float
    color: tuple[int, int, int]


ARTISTS: tuple[DemoArtist, ...] = (
    DemoArtist(
        "Night Bus",
        "Rainy Window",
        2021,
        "Lo-Fi",
        "chill",
        78,
        196.0,
        True,
        0.3,
        ".m4a",
        (
            "Late Tram",
            "Steam on Glass",
            "Umbrella Study",
            "Corner Shop Lights",
            "3 AM Notes",
            "Quiet Platform",
        ),
    ),
    DemoArtist(
        "Oak & Ember",
        "Cedar Songs",
        2019,
        "Folk",
        "calm",
        92,
        220.0,
        False,
        0.35,
        ".flac",
        ("Woodsmoke", "The Long Field", "River Letters", "Hearth", "Morning Frost", "Lantern Road"),
    ),
    DemoArtist(
        "Luna Park Trio",
        "Blue Carousel",
        2018,
        "Jazz",
        "mellow",
        118,
        233.1,
        True,
        0.45,
        ".flac",
        ("Carousel Waltz", "After Hours", "Brushes", "Velvet Lounge", "Midnight Ferris", "Soft Swing"),
    ),
    DemoArtist(
        "Kilowatt Kids",
        "Power Surge",
        2022,
        "Electronic",
        "energetic",
        128,
        261.6,
        False,
        0.8,
        ".ogg",
        ("Overclock", "Neon Runner", "Voltage", "Circuit Party", "Afterburn", "Solar Drive"),
    ),
    DemoArtist(
        "Marisol Vega",
        "Sol de Tarde",
        2020,
        "Latin Pop",
        "happy",
        104,
        293.7,
        False,
        0.7,
        ".m4a",
        ("Bailando Sola", "Mar Abierto", "Sol de Tarde", "Corazón Valiente", "Verano", "La Fiesta"),
    ),
    DemoArtist(
        "Velvet Static",
        "Loud Rooms",
        2017,
        "Indie Rock",
        "energetic",
        140,
        164.8,
        True,
        0.75,
        ".mp3",
        ("Feedback Love", "Garage Heart", "Static Bloom", "Fuzz Parade", "Paper Walls", "Last Encore"),
    ),
    DemoArtist(
        "Glasshouse",
        "Prism City",
        2023,
        "Synthpop",
        "upbeat",
        112,
        207.7,
        False,
        0.65,
        ".ogg",
        ("Prism City", "Chrome Summer", "Mirror Hearts", "Laser Light", "Skyline", "Polaroid"),
    ),
    DemoArtist(
        "Northern Lights",
        "Slow Aurora",
        2016,
        "Ambient",
        "chill",
        64,
        174.6,
        True,
        0.2,
        ".flac",
        ("Aurora I", "Polar Drift", "Ice Cathedral", "Snowfield", "Blue Hour", "Aurora II"),
    ),
)

VIDEOS: tuple[DemoVideo, ...] = (
    DemoVideo("Videos/Star Harbor/Season 01/Star Harbor - S01E01 - Arrival.mkv", "Arrival", 8, (30, 60, 140)),
    DemoVideo(
        "Videos/Star Harbor/Season 01/Star Harbor - S01E02 - The Long Dark.mkv",
        "The Long Dark",
        8,
        (20, 40, 110),
    ),
    DemoVideo("Videos/Movies/The Quiet Orbit (2021).mp4", "The Quiet Orbit", 10, (120, 70, 160)),
    DemoVideo("Videos/Movies/Harvest Moon Kitchen (2019).mp4", "Harvest Moon Kitchen", 6, (190, 120, 40)),
)

TRACK_SECONDS = 15.0


def track_count() -> int:
    return sum(len(a.titles) for a in ARTISTS)
