"""Making media: synthetic audio, video and cover images (for the demo library, tests and benchmarks)."""
