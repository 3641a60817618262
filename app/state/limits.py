"""Every upper limit of gdscope, declared once: the CLI, the session schema and the widgets all read it.

The counts are chosen so that at their maxima the GUI thread stays responsive and memory stays well
under 1 GB above an idle window (measured in tests/reliability/test_limits.py and README "Limits").
The file caps refuse a file in one line before anything is allocated for it. Qt-free: the widgets
cannot import app, so the controllers hand them these values through their setters.
"""

from __future__ import annotations

from dataclasses import dataclass

from algorithms.datasets import MAX_CSV_VALUE
from algorithms.regular_files import MAX_CSV_BYTES, MAX_IMAGE_FILE_BYTES, MEGABYTE

# --- the main window: one run of every optimizer is recomputed whenever a knob moves ---------------
MAX_STEPS = 5_000  # optimizer steps of every run (CLI --steps, session run.steps, the steps box)
MAX_SAMPLES = 2_000  # synthetic samples of an analytic surface, and rows of a CSV data file
MAX_BATCH_SIZE = MAX_SAMPLES  # a larger batch is the whole data set anyway
MAX_SEED = 2**31 - 1  # torch.Generator().manual_seed takes any int64; one range for all front ends
MAX_SPEED = 10_000.0  # play-head steps per second in a session
MAX_COORDINATE = 1e6  # |start| in a session; a problem's own bound is checked too (session_domain.py)
MAX_LR = 10.0  # learning rate in the main window's sessions and rows

# --- the Real model window and `gdscope landscape` -------------------------------------------------
MAX_EPOCHS = 50  # passes over the training images
MIN_RESOLUTION = 5
MAX_RESOLUTION = 201  # landscape grid points per axis (n² model evaluations, always on a worker)
MAX_IMAGE_BATCH = 4_096  # images per gradient step

# --- files read ------------------------------------------------------------------------------------
MAX_SESSION_BYTES = 1 * MEGABYTE  # a .gdscope.json session
# MAX_CSV_BYTES and MAX_IMAGE_FILE_BYTES are declared next to the readers (algorithms/regular_files.py)

__all__ = [
    "MAX_BATCH_SIZE",
    "MAX_COORDINATE",
    "MAX_CSV_BYTES",
    "MAX_CSV_VALUE",
    "MAX_EPOCHS",
    "MAX_IMAGE_BATCH",
    "MAX_IMAGE_FILE_BYTES",
    "MAX_LR",
    "MAX_RESOLUTION",
    "MAX_SAMPLES",
    "MAX_SEED",
    "MAX_SESSION_BYTES",
    "MAX_SPEED",
    "MAX_STEPS",
    "MIN_RESOLUTION",
    "Limit",
    "limit_table",
]


@dataclass(frozen=True)
class Limit:
    """One row of README's "Limits" table."""

    name: str
    value: str
    past_it: str


def limit_table() -> tuple[Limit, ...]:
    """Every limit with its value and what happens past it (README's table is checked against this)."""
    refused = "refused, naming the option or session field; the window's box stops there"
    return (
        Limit("steps", f"{MAX_STEPS:,}", refused),
        Limit("samples (surfaces) / CSV rows", f"{MAX_SAMPLES:,}", refused + "; a longer CSV is not read"),
        Limit(
            "batch size (sessions)",
            f"{MAX_BATCH_SIZE:,}",
            "refused; on the CLI a larger batch is the full batch",
        ),
        Limit("seed", f"0 … {MAX_SEED:,}", refused),
        Limit("learning rate (sessions, landscape)", f"{MAX_LR:g}", refused),
        Limit("start point", "the problem's bound (100 × its domain)", "the session is refused (run.start)"),
        Limit("epochs (Real model, landscape)", f"{MAX_EPOCHS}", refused),
        Limit("images per batch (Real model, landscape)", f"{MAX_IMAGE_BATCH:,}", refused),
        Limit("landscape resolution", f"{MIN_RESOLUTION} … {MAX_RESOLUTION}", refused),
        Limit("session file", f"{MAX_SESSION_BYTES // MEGABYTE} MB", "not read; one-line message"),
        Limit("CSV data file", f"{MAX_CSV_BYTES // MEGABYTE} MB", "not read; one-line message"),
        Limit("CSV value (size of x and y)", f"{MAX_CSV_VALUE:g}", "the file is refused, naming the line"),
        Limit("IDX / CIFAR file", f"{MAX_IMAGE_FILE_BYTES // MEGABYTE} MB", "not read; one-line message"),
    )
