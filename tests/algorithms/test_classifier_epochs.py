"""``train(on_epoch=…)`` hears each epoch's metrics as soon as they are measured, before training ends."""

from __future__ import annotations

import numpy as np

from algorithms.classifier import train
from algorithms.image_data import load_digits_data, split_images
from algorithms.optimizers import preset


def test_each_epoch_is_heard_when_measured_with_the_numbers_the_run_records() -> None:
    split = split_images(load_digits_data(), seed=0)
    heard: list[tuple[int, dict[str, float], int]] = []
    steps_taken = [0]

    def count_step(fraction: float) -> None:
        steps_taken[0] += 1

    def hear(epoch: int, metrics: dict[str, float]) -> None:
        heard.append((epoch, metrics, steps_taken[0]))

    run = train("softmax", split, preset("sgd", lr=0.05), 3, 256, 0, progress=count_step, on_epoch=hear)
    assert [epoch for epoch, _, _ in heard] == [0, 1, 2, 3]
    # Epoch k is heard right after its last batch, long before the last epoch's batches run.
    assert [steps for _, _, steps in heard] == [
        0,
        run.steps_per_epoch,
        2 * run.steps_per_epoch,
        3 * run.steps_per_epoch,
    ]
    for key, values in run.metrics.items():
        np.testing.assert_array_equal([metrics[key] for _, metrics, _ in heard], values)
