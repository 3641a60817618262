"""Real images for the classifier: scikit-learn's 8×8 digits, MNIST (IDX files) and CIFAR-10 (binary).

Every file is parsed with numpy and checked against its own header before a single pixel is used;
nothing is ever unpickled. Pixels are scaled to [0, 1] and normalised with the dataset's mean and
standard deviation, as ``transforms.ToTensor()`` + ``transforms.Normalize(mean, std)`` do in the course.
"""

from __future__ import annotations

import gzip
import math
import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, cast

import numpy as np
import numpy.typing as npt

from algorithms.datasets import DatasetError, _check_fractions, _split_indices
from algorithms.regular_files import MAX_IMAGE_FILE_BYTES, FileRefusedError, open_regular

FloatImages = npt.NDArray[np.float32]
Labels = npt.NDArray[np.int64]
Cancel = Callable[[], bool]  # polled between chunks: True stops the loading (ImageDataCancelled)

MNIST_MEAN, MNIST_STD = (0.1307,), (0.3081,)
CIFAR10_MEAN, CIFAR10_STD = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)
CIFAR10_CLASSES = [
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
]
DIGIT_CLASSES = [str(digit) for digit in range(10)]
IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC = 2051, 2049
CIFAR_RECORD = 1 + 32 * 32 * 3
DATASET_SPECS = ("digits", "mnist:PATH", "cifar10:PATH")
CHUNK_BYTES = 1 << 20  # files are read, and pixels normalised, this much at a time between cancel checks


class ImageDataError(ValueError):
    """A missing or malformed image file, in words meant for the user (naming the file)."""


class ImageDataCancelled(Exception):
    """The caller's ``cancel()`` said stop while the files were being read (not an error)."""


def _never() -> bool:
    return False


def _check(cancel: Cancel) -> None:
    if cancel():
        raise ImageDataCancelled


@dataclass(frozen=True, eq=False)
class ImageSet:
    """Images flattened to rows of ``images`` (float32, normalised), one int64 label each.

    ``shape`` is one image's (h, w) or (h, w, 3): ``images[i].reshape(shape)`` is a picture.
    ``mean``/``std`` are the per-channel values used to normalise, to undo it for display.
    """

    name: str
    images: FloatImages
    labels: Labels
    shape: tuple[int, ...]
    classes: list[str]
    mean: tuple[float, ...] = (0.0,)
    std: tuple[float, ...] = (1.0,)
    indices: Labels | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.images.ndim != 2 or self.images.dtype != np.float32:
            raise ImageDataError(f"{self.name}: images must be a float32 array (n, d)")
        if self.labels.shape != (len(self.images),) or self.labels.dtype != np.int64:
            raise ImageDataError(f"{self.name}: need one int64 label per image")
        if int(np.prod(self.shape)) != self.images.shape[1]:
            raise ImageDataError(
                f"{self.name}: image shape {self.shape} does not match {self.images.shape[1]}"
            )
        if len(self.labels) and (self.labels.min() < 0 or self.labels.max() >= len(self.classes)):
            raise ImageDataError(f"{self.name}: labels must lie in 0..{len(self.classes) - 1}")

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def features(self) -> int:
        return int(self.images.shape[1])

    def subset(self, indices: Labels) -> ImageSet:
        """The images at these indices, in the order given."""
        return ImageSet(
            self.name,
            self.images[indices],
            self.labels[indices],
            self.shape,
            self.classes,
            self.mean,
            self.std,
            np.asarray(indices, dtype=np.int64),
        )


@dataclass(frozen=True, eq=False)
class ImageSplit:
    """Disjoint train / validation / test subsets of one ImageSet."""

    train: ImageSet
    val: ImageSet
    test: ImageSet


def _normalised(
    pixels: npt.NDArray[np.uint8],
    scale: float,
    mean: tuple[float, ...],
    std: tuple[float, ...],
    cancel: Cancel = _never,
) -> FloatImages:
    """(pixels / scale − mean) / std in float32; the channel is the last axis (broadcast for grey).

    Done CHUNK_BYTES of pixels at a time, with ``cancel`` checked between chunks."""
    images = np.empty(pixels.shape, dtype=np.float32)
    rows = max(1, CHUNK_BYTES // max(1, int(np.prod(pixels.shape[1:]))))
    shift, spread = np.asarray(mean, dtype=np.float32), np.asarray(std, dtype=np.float32)
    for start in range(0, len(pixels), rows):
        _check(cancel)
        chunk = images[start : start + rows]
        np.divide(pixels[start : start + rows], np.float32(scale), out=chunk, dtype=np.float32)
        chunk -= shift
        chunk /= spread
    return images.reshape(len(images), -1)


def _read_chunked(stream: BinaryIO, limit: int, cancel: Cancel) -> bytes:
    """At most ``limit`` bytes of ``stream``, read CHUNK_BYTES at a time with ``cancel`` checked between."""
    data = bytearray()
    while len(data) < limit:
        _check(cancel)
        chunk = stream.read(min(CHUNK_BYTES, limit - len(data)))
        if not chunk:
            break
        data += chunk
    return bytes(data)


# --- scikit-learn digits ---------------------------------------------------------------------------


def load_digits_data() -> ImageSet:
    """The 1,797 8×8 digits that ship with scikit-learn (pixels 0..16), normalised with their mean/std."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    scaled = np.asarray(bunch.images, dtype=np.float64) / 16.0
    mean, std = (float(scaled.mean()),), (float(scaled.std()),)
    images = _normalised(np.asarray(bunch.images), 16.0, mean, std)
    return ImageSet(
        "digits", images, np.asarray(bunch.target, dtype=np.int64), (8, 8), DIGIT_CLASSES, mean, std
    )


# --- MNIST (IDX) ---------------------------------------------------------------------------------


def _find(folder: Path, names: list[str], subfolders: tuple[str, ...]) -> Path:
    """The first of names (plain before .gz) in folder or one of its subfolders."""
    for place in (folder, *(folder / sub for sub in subfolders)):
        for name in names:
            if (place / name).is_file():
                return place / name
    raise ImageDataError(f"{folder}: no file {names[0]} (or .gz) found here or in {', '.join(subfolders)}")


@contextmanager
def _open(path: Path) -> Iterator[BinaryIO]:
    """A regular file of at most MAX_IMAGE_FILE_BYTES, gunzipped on the fly when it ends in .gz."""
    try:
        raw = open_regular(path, MAX_IMAGE_FILE_BYTES, "data file")
    except FileRefusedError as error:
        raise ImageDataError(str(error)) from None
    with raw:
        if path.suffix != ".gz":
            yield raw
            return
        with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
            yield cast(BinaryIO, unzipped)


def _idx_body_size(path: Path, stream: BinaryIO, dims: list[int], header: int) -> int:
    """The data bytes the header claims, refused before any allocation when the file cannot hold them."""
    expected = math.prod(dims)
    if path.suffix != ".gz":
        found = os.fstat(stream.fileno()).st_size - header  # a plain file: its size is known up front
        if expected != found:
            got = f"more than {expected}" if found > expected else str(found)
            raise ImageDataError(f"{path.name}: header sizes {dims} need {expected} data bytes, found {got}")
    elif expected > MAX_IMAGE_FILE_BYTES:
        raise ImageDataError(
            f"{path.name}: header sizes {dims} claim {expected:,} bytes, more than the "
            f"{MAX_IMAGE_FILE_BYTES // 1_000_000} MB a data file may hold"
        )
    return expected


def _read_idx(path: Path, magic: int, ndim: int, cancel: Cancel = _never) -> npt.NDArray[np.uint8]:
    """An IDX file of unsigned bytes: magic number, ndim big-endian sizes, then exactly their product."""
    try:
        with _open(path) as stream:
            header = stream.read(4 + 4 * ndim)
            if len(header) < 4 + 4 * ndim:
                raise ImageDataError(f"{path.name}: truncated header ({len(header)} bytes)")
            found, *dims = (int(v) for v in np.frombuffer(header, dtype=">u4"))
            if found != magic:
                raise ImageDataError(f"{path.name}: magic number {found}, expected {magic}")
            if any(d == 0 for d in dims):
                raise ImageDataError(f"{path.name}: empty dimension in header {dims}")
            expected = _idx_body_size(path, stream, dims, len(header))
            body = _read_chunked(stream, expected, cancel)
            extra = stream.read(1)
    except (OSError, EOFError, zlib.error) as error:  # unreadable, or a corrupt gzip stream
        raise ImageDataError(f"{path.name}: cannot be read ({error})") from None
    if len(body) != expected or extra:
        got = f"{len(body)}" if not extra else f"more than {expected}"
        raise ImageDataError(f"{path.name}: header sizes {dims} need {expected} data bytes, found {got}")
    return np.frombuffer(body, dtype=np.uint8).reshape(dims)


def _mnist_part(folder: Path, prefix: str, cancel: Cancel) -> tuple[npt.NDArray[np.uint8], Labels]:
    subfolders = ("raw", "MNIST/raw")
    image_file = _find(folder, [f"{prefix}-images-idx3-ubyte", f"{prefix}-images-idx3-ubyte.gz"], subfolders)
    label_file = _find(folder, [f"{prefix}-labels-idx1-ubyte", f"{prefix}-labels-idx1-ubyte.gz"], subfolders)
    images = _read_idx(image_file, IDX_IMAGES_MAGIC, 3, cancel)
    labels = _read_idx(label_file, IDX_LABELS_MAGIC, 1, cancel).astype(np.int64)
    if labels.max() > 9:
        raise ImageDataError(f"{label_file.name}: label {int(labels.max())} outside 0..9")
    if len(images) != len(labels):
        raise ImageDataError(
            f"{image_file.name} holds {len(images)} images but {label_file.name} {len(labels)} labels"
        )
    return images, labels


def load_mnist(folder: str | Path, cancel: Cancel = _never) -> ImageSet:
    """MNIST's train and t10k IDX files (plain or .gz, as torchvision stores them), joined in one set.

    ``folder`` may hold the files itself or in ``raw/`` or ``MNIST/raw/``. Normalised with MNIST's
    (0.1307, 0.3081). ``cancel`` is polled between chunks (ImageDataCancelled when it says stop).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ImageDataError(f"{folder}: no such folder")
    train_images, train_labels = _mnist_part(folder, "train", cancel)
    test_images, test_labels = _mnist_part(folder, "t10k", cancel)
    if train_images.shape[1:] != test_images.shape[1:]:
        raise ImageDataError(
            f"{folder}: train images are {train_images.shape[1:]} but t10k images {test_images.shape[1:]}"
        )
    pixels = np.concatenate([train_images, test_images])
    images = _normalised(pixels, 255.0, MNIST_MEAN, MNIST_STD, cancel)
    labels = np.concatenate([train_labels, test_labels])
    shape = (int(pixels.shape[1]), int(pixels.shape[2]))
    return ImageSet("mnist", images, labels, shape, DIGIT_CLASSES, MNIST_MEAN, MNIST_STD)


# --- CIFAR-10 (binary version) ---------------------------------------------------------------------

CIFAR_FILES = [f"data_batch_{i}.bin" for i in range(1, 6)] + ["test_batch.bin"]


def _read_cifar_batch(path: Path, cancel: Cancel) -> tuple[npt.NDArray[np.uint8], Labels]:
    """Records of 1 label byte + 1,024 red, 1,024 green, 1,024 blue bytes (row-major 32×32)."""
    try:
        with _open(path) as stream:
            raw = np.frombuffer(_read_chunked(stream, MAX_IMAGE_FILE_BYTES + 1, cancel), dtype=np.uint8)
    except OSError as error:
        raise ImageDataError(f"{path.name}: cannot be read ({error})") from None
    if raw.size == 0 or raw.size % CIFAR_RECORD:
        raise ImageDataError(
            f"{path.name}: {raw.size} bytes is not a whole number of {CIFAR_RECORD}-byte records"
        )
    records = raw.reshape(-1, CIFAR_RECORD)
    labels = records[:, 0].astype(np.int64)
    if labels.max() > 9:
        raise ImageDataError(f"{path.name}: label {int(labels.max())} outside 0..9")
    pixels = records[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)  # to (n, h, w, channel)
    return pixels, labels


def load_cifar10(folder: str | Path, cancel: Cancel = _never) -> ImageSet:
    """The six batches of CIFAR-10's binary version, from ``cifar-10-batches-bin`` or its parent.

    ``cancel`` is polled between files and chunks (ImageDataCancelled when it says stop)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ImageDataError(f"{folder}: no such folder")
    if not (folder / CIFAR_FILES[0]).is_file() and (folder / "cifar-10-batches-bin").is_dir():
        folder = folder / "cifar-10-batches-bin"
    missing = [name for name in CIFAR_FILES if not (folder / name).is_file()]
    if missing:
        raise ImageDataError(f"{folder}: missing {', '.join(missing)} (the CIFAR-10 binary version)")
    parts = [_read_cifar_batch(folder / name, cancel) for name in CIFAR_FILES]
    pixels = np.concatenate([p for p, _ in parts])
    images = _normalised(pixels, 255.0, CIFAR10_MEAN, CIFAR10_STD, cancel)
    labels = np.concatenate([labels for _, labels in parts])
    return ImageSet("cifar10", images, labels, (32, 32, 3), CIFAR10_CLASSES, CIFAR10_MEAN, CIFAR10_STD)


# --- split and the CLI's dataset spec ------------------------------------------------------------


def split_images(
    data: ImageSet, fractions: tuple[float, float, float] = (0.7, 0.15, 0.15), seed: int = 0
) -> ImageSplit:
    """Random train/validation/test subsets (``torch.utils.data.random_split``, seeded generator)."""
    try:
        checked = _check_fractions(fractions)
    except DatasetError as error:
        raise ImageDataError(str(error)) from None
    train, val, test = _split_indices(len(data), checked, seed)
    return ImageSplit(data.subset(train), data.subset(val), data.subset(test))


def load_image_dataset(spec: str, cancel: Cancel = _never) -> ImageSet:
    """ "digits", "mnist:PATH" or "cifar10:PATH" as the CLI's --dataset gives it (``cancel``: see
    load_mnist)."""
    kind, _, path = spec.partition(":")
    if kind == "digits" and not path:
        return load_digits_data()
    if kind in ("mnist", "cifar10"):
        if not path:
            raise ImageDataError(f"dataset '{kind}' needs a folder: {kind}:PATH")
        return load_mnist(path, cancel) if kind == "mnist" else load_cifar10(path, cancel)
    raise ImageDataError(f"unknown dataset '{spec}'; choose one of: {', '.join(DATASET_SPECS)}")
