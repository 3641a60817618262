"""Speed of the maths the tests check for correctness only (tests must not time anything):
the critical points of all nine gallery surfaces (target: under 5 s), EMA smoothing of nine curves of
10,000 losses (target: under 0.1 s) and the refusal of hostile expressions (target: under 1 s each).
Prints medians of repeated runs:
    .venv/bin/python benchmarks/bench_algorithms.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from algorithms.critical import find_critical_points
from algorithms.expressions import ExpressionError, parse_expression
from algorithms.smoothing import ema
from algorithms.surfaces import SURFACES, get_surface

REPEATS = 3
HOSTILE = [  # the costliest of tests/algorithms/test_expressions.py's HOSTILE
    "9**9**9**9",
    "'a'*10**9",
    "x" * 100_000,
    "(" * 1000 + "x" + ")" * 1000,
    "-" * 499 + "x",
    "+".join(["x"] * 150),
]


def median_seconds(work: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def all_critical_points() -> None:
    for surface_id in SURFACES:
        surface = get_surface(surface_id)
        find_critical_points(surface.torch_value, surface.domain)


def refuse(text: str) -> None:
    try:
        parse_expression(text)
    except ExpressionError:
        return
    raise AssertionError(f"accepted: {text[:40]!r}")


def main() -> None:
    all_critical_points()  # the first call imports and compiles what it needs
    print(f"critical points, nine surfaces: {median_seconds(all_critical_points):.2f} s (target < 5 s)")
    curves = np.random.default_rng(0).normal(size=(9, 10_000))
    ema(curves[0], 0.9, bias_correction=True)  # numba compiles (or loads) the kernel
    seconds = median_seconds(lambda: [ema(c, 0.9, bias_correction=True) for c in curves], repeats=20)
    print(f"EMA of nine curves of 10,000: {seconds * 1e3:.2f} ms (target < 100 ms)")
    slowest = max(median_seconds(lambda t=text: refuse(t)) for text in HOSTILE)
    print(f"slowest refusal of a hostile expression: {slowest * 1e3:.2f} ms (target < 1,000 ms)")


if __name__ == "__main__":
    main()
