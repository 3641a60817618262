"""Colours shared by the views: a colour-blind-safe height map and path colours visible on it."""

from __future__ import annotations

HEIGHT_COLORMAP = "viridis"
# The optimizer rows' path colours are declared with the rows (app/state/optimizer_kinds.py) and
# passed in: they stay visible on viridis because paths are drawn over this dark outline.
OUTLINE_COLOR = "#111111"
