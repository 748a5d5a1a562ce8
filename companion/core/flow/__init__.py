"""Flow: crossfades from the analysis, mixes ordered to flow, arcs from one feel to another (issue 17)."""
