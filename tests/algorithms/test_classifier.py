"""Classifiers on the digits: real torch.optim training, reproducible from the seed, shared start, cancel."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.nn.utils import parameters_to_vector

from algorithms.classifier import (
    ClassifierError,
    build_model,
    initial_state,
    parameter_count,
    single_threaded,
    train,
)
from algorithms.image_data import ImageSplit, load_digits_data, split_images
from algorithms.optimizers import preset


@pytest.fixture(scope="module")
def digits() -> ImageSplit:
    return split_images(load_digits_data(), seed=0)


def _vector(state: dict[str, torch.Tensor], kind: str = "mlp") -> np.ndarray:
    model = build_model(kind, 64)
    model.load_state_dict(state)
    return parameters_to_vector(model.parameters()).detach().numpy()


def test_models_and_parameter_counts() -> None:
    assert parameter_count(build_model("softmax", 64)) == 64 * 10 + 10
    assert parameter_count(build_model("mlp", 784)) == 784 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10
    with pytest.raises(ClassifierError, match="unknown model 'cnn'"):
        build_model("cnn", 64)


def test_training_is_reproducible_from_the_seed(digits: ImageSplit) -> None:
    before = torch.random.get_rng_state()
    first = train("mlp", digits, preset("momentum", lr=0.05), epochs=1, batch_size=32, seed=5)
    second = train("mlp", digits, preset("momentum", lr=0.05), epochs=1, batch_size=32, seed=5)
    assert torch.equal(torch.random.get_rng_state(), before), "the global random state was used"
    np.testing.assert_array_equal(first.batch_loss, second.batch_loss)
    np.testing.assert_array_equal(first.snapshots, second.snapshots)
    for name, values in first.metrics.items():
        np.testing.assert_array_equal(values, second.metrics[name])
    other = train("mlp", digits, preset("momentum", lr=0.05), epochs=1, batch_size=32, seed=6)
    assert not np.array_equal(first.snapshots[0], other.snapshots[0])


def test_optimizers_start_from_the_same_weights(digits: ImageSplit) -> None:
    start = initial_state("mlp", 64, seed=2)
    runs = [
        train("mlp", digits, preset(name), epochs=1, batch_size=64, seed=2, init_state=start)
        for name in ("sgd", "adam")
    ]
    np.testing.assert_array_equal(runs[0].snapshots[0], _vector(start))
    np.testing.assert_array_equal(runs[1].snapshots[0], _vector(start))
    assert not np.array_equal(runs[0].final_params, runs[1].final_params)
    # Without init_state the seed gives the same start.
    default = train("mlp", digits, preset("sgd"), epochs=1, batch_size=64, seed=2)
    np.testing.assert_array_equal(default.snapshots, runs[0].snapshots)


def test_softmax_learns_the_digits(digits: ImageSplit) -> None:
    progress: list[float] = []
    run = train(
        "softmax", digits, preset("sgd", lr=0.1), epochs=3, batch_size=32, seed=0, progress=progress.append
    )
    accuracy = run.final_accuracy()
    assert accuracy["test"] > 0.85 and accuracy["val"] > 0.85, accuracy
    assert (
        run.steps_per_epoch == -(-len(digits.train) // 32) and len(run.batch_loss) == 3 * run.steps_per_epoch
    )
    assert len(run.metrics["val_loss"]) == 4 and run.metrics["val_loss"][-1] < run.metrics["val_loss"][0]
    assert progress == sorted(progress) and progress[-1] == 1.0 and len(progress) == len(run.batch_loss)
    # Snapshots: the initial weights, evenly spaced steps, and the final weights.
    assert 50 <= len(run.snapshots) <= 201 and run.snapshot_steps[0] == 0
    assert run.snapshot_steps[-1] == len(run.batch_loss)
    np.testing.assert_array_equal(run.final_params, _vector(run.final_state, "softmax"))
    assert not run.cancelled and run.epochs_done == 3


def test_cancel_stops_cleanly(digits: ImageSplit) -> None:
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 45  # in the second epoch (40 batches of 32 per epoch)

    run = train("mlp", digits, preset("adam"), epochs=5, batch_size=32, seed=0, cancel=cancel)
    assert run.cancelled and len(run.batch_loss) == 45 and run.epochs_done == 1
    assert run.snapshot_steps[-1] == 45 and len(run.metrics["test_accuracy"]) == 2
    np.testing.assert_array_equal(run.final_params, _vector(run.final_state))


def test_bad_requests(digits: ImageSplit) -> None:
    with pytest.raises(ClassifierError, match="epochs and batch size"):
        train("mlp", digits, preset("sgd"), epochs=0, batch_size=32, seed=0)
    with pytest.raises(ClassifierError, match="unknown model"):
        train("resnet", digits, preset("sgd"), epochs=1, batch_size=32, seed=0)


def test_single_threaded_restores_the_thread_count() -> None:
    threads = torch.get_num_threads()
    with single_threaded():
        with single_threaded():
            assert torch.get_num_threads() == 1
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == threads
