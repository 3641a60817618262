"""Colours shared by the views: a colour-blind-safe height map and path colours visible on it."""

from __future__ import annotations

HEIGHT_COLORMAP = "viridis"

# One colour per optimizer kind. Picked to stay visible on viridis (dark blue -> green -> yellow):
# paths are also drawn over a dark outline, so light colours read on yellow and dark ones on blue.
RUN_COLORS: dict[str, str] = {
    "gd": "#ff2d2d",
    "sgd": "#ff9f1c",
    "minibatch": "#ff66cc",
    "momentum": "#ffffff",
    "nesterov": "#a0c4ff",
    "adagrad": "#00e5ff",
    "rmsprop": "#c77dff",
    "adam": "#ffd60a",
    "adamw": "#9ef01a",
}
OUTLINE_COLOR = "#111111"
