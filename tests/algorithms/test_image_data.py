"""Image data: the digits, the IDX and CIFAR-10 binary parsers on small generated files, and the split."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from algorithms import image_data
from algorithms.image_data import (
    CIFAR_FILES,
    CIFAR_RECORD,
    MNIST_MEAN,
    MNIST_STD,
    ImageDataCancelled,
    ImageDataError,
    ImageSet,
    load_cifar10,
    load_digits_data,
    load_image_dataset,
    load_mnist,
    split_images,
)


def _idx_bytes(array: np.ndarray, magic: int) -> bytes:
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


def _write(path: Path, data: bytes) -> Path:
    if path.suffix == ".gz":
        with gzip.open(path, "wb") as stream:
            stream.write(data)
    else:
        path.write_bytes(data)
    return path


def _mnist_folder(folder: Path, gz: bool, n_train: int = 6, n_test: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Small MNIST-like IDX files (5×4 images); returns all pixels and labels in load order."""
    rng = np.random.default_rng(0)
    suffix = ".gz" if gz else ""
    pixels, labels = [], []
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = rng.integers(0, 256, (n, 5, 4), dtype=np.uint8)
        digits = rng.integers(0, 10, n, dtype=np.uint8)
        _write(folder / f"{prefix}-images-idx3-ubyte{suffix}", _idx_bytes(images, 2051))
        _write(folder / f"{prefix}-labels-idx1-ubyte{suffix}", _idx_bytes(digits, 2049))
        pixels.append(images)
        labels.append(digits)
    return np.concatenate(pixels), np.concatenate(labels)


@pytest.mark.parametrize("gz", [False, True])
def test_mnist_idx_files_are_parsed_and_normalised(tmp_path: Path, gz: bool) -> None:
    pixels, labels = _mnist_folder(tmp_path, gz)
    data = load_mnist(tmp_path)
    assert data.shape == (5, 4) and data.images.shape == (10, 20) and data.images.dtype == np.float32
    np.testing.assert_array_equal(data.labels, labels)
    expected = (pixels.reshape(10, -1) / 255.0 - MNIST_MEAN[0]) / MNIST_STD[0]
    np.testing.assert_allclose(data.images, expected, rtol=1e-6, atol=1e-6)


def test_mnist_is_found_in_torchvisions_raw_folder(tmp_path: Path) -> None:
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    _mnist_folder(raw, gz=True)
    assert len(load_mnist(tmp_path)) == 10


def _break(path: Path, data: bytes) -> None:
    _write(path, data)


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize(
    ("damage", "name", "words"),
    [
        ("truncate", "train-images-idx3-ubyte", "need 120 data bytes"),
        ("extra", "t10k-labels-idx1-ubyte", "more than 4"),
        ("magic", "train-labels-idx1-ubyte", "magic number 2051, expected 2049"),
        ("header", "t10k-images-idx3-ubyte", "truncated header"),
        ("label", "train-labels-idx1-ubyte", "label 12 outside 0..9"),
    ],
)
def test_broken_idx_files_name_the_file(tmp_path: Path, gz: bool, damage: str, name: str, words: str) -> None:
    _mnist_folder(tmp_path, gz)
    path = tmp_path / (name + (".gz" if gz else ""))
    raw = gzip.decompress(path.read_bytes()) if gz else path.read_bytes()
    broken = {
        "truncate": raw[:-1],
        "extra": raw + b"\x00",
        "magic": struct.pack(">I", 2051) + raw[4:],
        "header": raw[:10],
        "label": raw[:-1] + b"\x0c",
    }[damage]
    _break(path, broken)
    with pytest.raises(ImageDataError, match=name) as error:
        load_mnist(tmp_path)
    assert words in str(error.value)


def test_image_and_label_counts_must_agree(tmp_path: Path) -> None:
    _mnist_folder(tmp_path, gz=False)
    _write(tmp_path / "train-labels-idx1-ubyte", _idx_bytes(np.arange(5, dtype=np.uint8), 2049))
    with pytest.raises(ImageDataError, match=r"train-images-idx3-ubyte holds 6 images but .* 5 labels"):
        load_mnist(tmp_path)


def test_corrupt_gzip_and_missing_files(tmp_path: Path) -> None:
    _mnist_folder(tmp_path, gz=True)
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(b"\x1f\x8b\x08 not really gzip")
    with pytest.raises(ImageDataError, match=r"t10k-images-idx3-ubyte\.gz: cannot be read"):
        load_mnist(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte.gz").unlink()
    with pytest.raises(ImageDataError, match="no file t10k-images-idx3-ubyte"):
        load_mnist(tmp_path)
    with pytest.raises(ImageDataError, match="no such folder"):
        load_mnist(tmp_path / "nowhere")


def _cifar_folder(folder: Path, records: int = 3) -> tuple[np.ndarray, np.ndarray]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    pixels, labels = [], []
    for name in CIFAR_FILES:
        chw = rng.integers(0, 256, (records, 3, 32, 32), dtype=np.uint8)
        digits = rng.integers(0, 10, records, dtype=np.uint8)
        body = np.concatenate([digits[:, None], chw.reshape(records, -1)], axis=1)
        (folder / name).write_bytes(body.tobytes())
        pixels.append(chw.transpose(0, 2, 3, 1))
        labels.append(digits)
    return np.concatenate(pixels), np.concatenate(labels)


def test_cifar_binary_batches_from_the_folder_or_its_parent(tmp_path: Path) -> None:
    pixels, labels = _cifar_folder(tmp_path / "cifar-10-batches-bin")
    for folder in (tmp_path, tmp_path / "cifar-10-batches-bin"):
        data = load_cifar10(folder)
        assert data.shape == (32, 32, 3) and len(data) == 18 and data.classes[0] == "airplane"
        np.testing.assert_array_equal(data.labels, labels)
        # Channels last: undoing the per-channel normalisation gives back the stored pixels.
        restored = data.images.reshape(-1, 32, 32, 3) * np.array(data.std) + np.array(data.mean)
        np.testing.assert_allclose(restored * 255.0, pixels, atol=1e-3)


def test_broken_cifar_files_name_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "cifar-10-batches-bin"
    _cifar_folder(folder)
    path = folder / "data_batch_3.bin"
    good = path.read_bytes()
    path.write_bytes(good[:-5])
    with pytest.raises(ImageDataError, match=r"data_batch_3\.bin: .* not a whole number of 3073-byte"):
        load_cifar10(folder)
    path.write_bytes(b"\x0a" + good[1:])
    with pytest.raises(ImageDataError, match=r"data_batch_3\.bin: label 10 outside 0..9"):
        load_cifar10(folder)
    path.unlink()
    with pytest.raises(ImageDataError, match=r"missing data_batch_3\.bin"):
        load_cifar10(folder)


def test_digits_ship_with_scikit_learn() -> None:
    data = load_digits_data()
    assert (len(data), data.features, data.shape, len(data.classes)) == (1797, 64, (8, 8), 10)
    assert data.images.dtype == np.float32 and data.labels.dtype == np.int64
    assert abs(float(data.images.mean())) < 1e-5 and abs(float(data.images.std()) - 1.0) < 1e-4


def test_split_is_seeded_disjoint_and_complete() -> None:
    data = ImageSet(
        "tiny", np.arange(40, dtype=np.float32).reshape(20, 2), np.arange(20) % 10, (1, 2), list("abcdefghij")
    )
    split = split_images(data, (0.5, 0.25, 0.25), seed=3)
    again = split_images(data, (0.5, 0.25, 0.25), seed=3)
    assert [len(s) for s in (split.train, split.val, split.test)] == [10, 5, 5]
    # Row i of the images is (2i, 2i + 1): the first pixel tells where each image came from.
    together = np.concatenate([s.images[:, 0] / 2 for s in (split.train, split.val, split.test)])
    assert sorted(together.tolist()) == list(range(20))
    np.testing.assert_array_equal(split.val.images, again.val.images)
    np.testing.assert_array_equal(split.val.labels, split.val.images[:, 0] / 2 % 10)
    other = split_images(data, (0.5, 0.25, 0.25), seed=4)
    assert not np.array_equal(split.train.images, other.train.images)
    with pytest.raises(ImageDataError, match="sum to 1"):
        split_images(data, (0.5, 0.5, 0.5))


def test_dataset_specs(tmp_path: Path) -> None:
    _mnist_folder(tmp_path, gz=False)
    assert load_image_dataset(f"mnist:{tmp_path}").name == "mnist"
    for spec, words in (
        ("imagenet", "unknown dataset"),
        ("mnist", "needs a folder"),
        ("cifar10:/no/where", "no such"),
    ):
        with pytest.raises(ImageDataError, match=words):
            load_image_dataset(spec)


class _CancelAfter:
    """A cancel check that says stop on its ``after``-th call, counting the calls."""

    def __init__(self, after: int) -> None:
        self.after, self.calls = after, 0

    def __call__(self) -> bool:
        self.calls += 1
        return self.calls >= self.after


@pytest.mark.parametrize("gz", [False, True])
def test_mnist_loading_is_cancelled_between_chunks(
    tmp_path: Path, gz: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(image_data, "CHUNK_BYTES", 64)  # 6 training images of 20 bytes: 2 chunks
    pixels, _labels = _mnist_folder(tmp_path, gz, n_train=600, n_test=4)
    never = _CancelAfter(10**9)
    data = load_mnist(tmp_path, never)  # chunked reading and normalising give the same numbers
    expected = (pixels.reshape(len(pixels), -1) / np.float32(255.0) - np.float32(MNIST_MEAN[0])) / np.float32(
        MNIST_STD[0]
    )
    np.testing.assert_array_equal(data.images, expected.astype(np.float32))
    assert never.calls > 600 * 20 // 64  # polled between every chunk of the files and of the pixels

    for after in (1, 5, never.calls // 2, never.calls):
        cancel = _CancelAfter(after)
        with pytest.raises(ImageDataCancelled):
            load_image_dataset(f"mnist:{tmp_path}", cancel)
        assert cancel.calls == after  # stopped at the very check that said so


def test_cifar_loading_is_cancelled_between_files(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    for name in CIFAR_FILES:
        (tmp_path / name).write_bytes(rng.integers(0, 10, (3, CIFAR_RECORD), dtype=np.uint8).tobytes())
    cancel = _CancelAfter(10**9)
    assert len(load_cifar10(tmp_path, cancel)) == 18
    assert cancel.calls >= len(CIFAR_FILES)
    for after in (1, 2, len(CIFAR_FILES)):
        with pytest.raises(ImageDataCancelled):
            load_cifar10(tmp_path, _CancelAfter(after))
