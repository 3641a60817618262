"""Landscape speed: the 41×41 loss grid of the MLP on the digits, batched against point by point.

Trains the MLP (SGD and Adam from the same start), takes the PCA plane of their paths around SGD's
final weights and evaluates the grid on 1,000 training images both ways in this one run. Prints the
medians of 3 repeats, their ratio and the largest difference between the two grids:
    .venv/bin/python benchmarks/bench_landscape.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from algorithms.classifier import initial_state, train
from algorithms.image_data import load_digits_data, split_images
from algorithms.landscape import (
    evaluate_landscape,
    evaluate_landscape_pointwise,
    evaluation_subset,
    grid_axes,
    pca_directions,
    project,
)
from algorithms.optimizers import preset

RESOLUTION = 41
SAMPLES = 1000
REPEATS = 3


def median_seconds(work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    split = split_images(load_digits_data(), seed=0)
    start = initial_state("mlp", split.train.features, 0)
    runs = [
        train("mlp", split, preset(name, lr=lr), 10, 32, 0, init_state=start)
        for name, lr in (("sgd", 0.1), ("adam", 0.01))
    ]
    origin = runs[0].final_params
    d1, d2, ratio = pca_directions(np.concatenate([run.snapshots for run in runs]), origin)
    paths = np.concatenate([project(run.snapshots, origin, d1, d2) for run in runs])
    alphas, betas = grid_axes(paths, RESOLUTION)
    data = evaluation_subset(split.train, SAMPLES, 0)
    args = ("mlp", origin, d1, d2, data, alphas, betas)

    evaluate_landscape(*args)  # first-call set-up outside the timing
    fast_time, fast = median_seconds(lambda: evaluate_landscape(*args))
    slow_time, slow = median_seconds(lambda: evaluate_landscape_pointwise(*args))
    difference = float(np.max(np.abs(np.asarray(fast) - np.asarray(slow))))
    print(
        f"MLP 64-64-32-10 on digits: {RESOLUTION}×{RESOLUTION} grid, {len(data[1])} images, "
        f"PCA plane (explained {ratio[0]:.2f} + {ratio[1]:.2f}); medians of {REPEATS}"
    )
    print(f"batched (evaluate_landscape)            {fast_time * 1e3:8.1f} ms")
    print(f"point by point (loss-landscape's way)   {slow_time * 1e3:8.1f} ms")
    print(f"ratio {slow_time / fast_time:.1f}×   max |difference| {difference:.2e}")


if __name__ == "__main__":
    main()
