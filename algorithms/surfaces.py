"""The gallery of analytic loss surfaces f(x, y): one formula each, for numpy and torch alike."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import torch

KINDS = ("minimum", "maximum", "saddle", "degenerate")
BOUND_FACTOR = 100.0  # a run whose |parameter| exceeds this times the largest |domain edge| left the domain


@dataclass(frozen=True)
class CriticalPoint:
    """A point where ∇f = 0, with its kind from the Hessian."""

    x: float
    y: float
    kind: str  # "minimum" | "maximum" | "saddle" | "degenerate"


@dataclass(frozen=True)
class Surface:
    """An analytic surface with its gallery metadata; `fn(x, y, lib)` is its one formula."""

    id: str
    code: int
    name_en: str
    name_zh: str
    formula_text: str
    convex: bool
    critical_points: tuple[CriticalPoint, ...]
    domain: tuple[float, float, float, float]
    start: tuple[float, float]
    fn: Callable[[Any, Any, Any], Any]
    bound: float = field(init=False)

    def __post_init__(self) -> None:
        xmin, xmax, ymin, ymax = self.domain
        if not (xmin < xmax and ymin < ymax):
            raise ValueError(f"surface {self.id!r}: empty domain {self.domain}")
        if not self.contains(*self.start):
            raise ValueError(f"surface {self.id!r}: start {self.start} outside the domain")
        for point in self.critical_points:
            if point.kind not in KINDS:
                raise ValueError(f"surface {self.id!r}: unknown critical point kind {point.kind!r}")
        object.__setattr__(self, "bound", BOUND_FACTOR * max(abs(edge) for edge in self.domain))

    def value(self, x: npt.ArrayLike, y: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """f evaluated in float64 numpy, element-wise; overflow gives inf/nan silently."""
        xs = np.asarray(x, dtype=np.float64)
        ys = np.asarray(y, dtype=np.float64)
        with np.errstate(all="ignore"):
            return np.asarray(self.fn(xs, ys, np), dtype=np.float64)

    def torch_value(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """f evaluated with torch operations, differentiable by autograd."""
        import torch  # imported by who needs autograd, not at start-up (benchmarks/bench_startup.py)

        result: torch.Tensor = self.fn(x, y, torch)
        return result

    def contains(self, x: float, y: float) -> bool:
        """Whether (x, y) lies in the closed domain rectangle."""
        xmin, xmax, ymin, ymax = self.domain
        return xmin <= x <= xmax and ymin <= y <= ymax

    @property
    def has_saddle(self) -> bool:
        """Whether some critical point is a saddle or degenerate."""
        return any(p.kind in ("saddle", "degenerate") for p in self.critical_points)

    def tags(self) -> str:
        """Gallery tags, e.g. "non-convex · saddle points"."""
        text = "convex" if self.convex else "non-convex"
        return text + " · saddle points" if self.has_saddle else text


# --- the formulas: plain operators plus lib.cos / lib.pi, so numpy and torch share them ---------


def _bowl(x: Any, y: Any, lib: Any) -> Any:
    return x**2 + y**2


def _ravine(x: Any, y: Any, lib: Any) -> Any:
    return x**2 + 10 * y**2


def _saddle(x: Any, y: Any, lib: Any) -> Any:
    return x**2 - y**2


def _monkey_saddle(x: Any, y: Any, lib: Any) -> Any:
    return x**3 - 3 * x * y**2


def _rosenbrock(x: Any, y: Any, lib: Any) -> Any:
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _himmelblau(x: Any, y: Any, lib: Any) -> Any:
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def _beale(x: Any, y: Any, lib: Any) -> Any:
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


def _rastrigin(x: Any, y: Any, lib: Any) -> Any:
    return 20 + x**2 + y**2 - 10 * lib.cos(2 * lib.pi * x) - 10 * lib.cos(2 * lib.pi * y)


def _six_hump_camel(x: Any, y: Any, lib: Any) -> Any:
    return (4 - 2.1 * x**2 + x**4 / 3) * x**2 + x * y + (-4 + 4 * y**2) * y**2


# --- critical points -------------------------------------------------------------------------------


def _points(kind: str, *coordinates: tuple[float, float]) -> tuple[CriticalPoint, ...]:
    """CriticalPoints of one kind."""
    return tuple(CriticalPoint(x, y, kind) for x, y in coordinates)


def _symmetric(kind: str, *coordinates: tuple[float, float]) -> tuple[CriticalPoint, ...]:
    """CriticalPoints of one kind at ±(x, y) (for point-symmetric surfaces)."""
    return _points(kind, *coordinates, *((-x, -y) for x, y in coordinates))


HIMMELBLAU_POINTS = (
    _points(
        "minimum",
        (3.0, 2.0),
        (-2.805118086952745, 3.131312518250573),
        (-3.779310253377747, -3.283185991286169),
        (3.5844283403304917, -1.8481265269644036),
    )
    + _points("maximum", (-0.2708445906673476, -0.9230385564799815))
    + _points(
        "saddle",
        (0.08667750455539634, 2.884254701174776),
        (-3.0730257507643897, -0.0813530442879675),
        (3.385154183607021, 0.0738518798377493),
        (-0.12796134673068005, -1.9537149802445766),
    )
)

# Found with algorithms.critical.find_critical_points on the domain below (checked with 100² seeds).
BEALE_POINTS = _points("minimum", (3.0, 0.5)) + _points(
    "saddle", (0.0, 1.0), (0.10053793732415846, -2.644513585023124)
)

# Found with algorithms.critical.find_critical_points; f(−x, −y) = f(x, y), so they come in pairs.
SIX_HUMP_CAMEL_POINTS = (
    _symmetric(
        "minimum",
        (0.08984201310031806, -0.7126564030207396),
        (1.7036067149699807, -0.7960835686726251),
        (1.6071047529201974, 0.5686514548841315),
    )
    + _symmetric("maximum", (1.2302298765166524, 0.16233458445899487))
    + _points("saddle", (0.0, 0.0))
    + _symmetric(
        "saddle",
        (1.1092053368047865, -0.7682680925095399),
        (1.2960702671671092, 0.6050843880386585),
        (1.6380679841897787, 0.2286740690443941),
    )
)


def _rastrigin_1d_roots(low: float, high: float) -> list[tuple[float, bool]]:
    """Roots t in [low, high] of g'(t) for g(t) = t² − 10cos(2πt), with whether g''(t) > 0.

    g'(t) = 2t + 20π sin(2πt) has one root near each multiple of 1/2 (while |t| < 10π);
    Newton from k/2 finds it in a few steps.
    """
    roots: list[tuple[float, bool]] = []
    for k in range(math.floor(2 * low) - 1, math.ceil(2 * high) + 2):
        t = k / 2
        for _ in range(50):
            step = (2 * t + 20 * math.pi * math.sin(2 * math.pi * t)) / (
                2 + 40 * math.pi**2 * math.cos(2 * math.pi * t)
            )
            t -= step
            if abs(step) < 1e-15:
                break
        if low <= t <= high:
            roots.append((t, 2 + 40 * math.pi**2 * math.cos(2 * math.pi * t) > 0))
    return roots


def _rastrigin_points(domain: tuple[float, float, float, float]) -> tuple[CriticalPoint, ...]:
    """The critical lattice of the separable Rastrigin function inside domain."""
    xs = _rastrigin_1d_roots(domain[0], domain[1])
    ys = _rastrigin_1d_roots(domain[2], domain[3])
    kinds = {(True, True): "minimum", (False, False): "maximum"}
    return tuple(CriticalPoint(x, y, kinds.get((x_up, y_up), "saddle")) for x, x_up in xs for y, y_up in ys)


RASTRIGIN_DOMAIN = (-3.5, 3.5, -3.5, 3.5)  # 7 × 7 complete bowls; the nearest outside maxima are at ±3.518


# --- the gallery -----------------------------------------------------------------------------------

_GALLERY = (
    Surface(
        "bowl", 0, "Bowl", "碗形", "x² + y²", True,
        _points("minimum", (0.0, 0.0)), (-2.0, 2.0, -2.0, 2.0), (-1.5, 1.8), _bowl,
    ),
    Surface(
        "ravine", 1, "Ravine", "峡谷", "x² + 10y²", True,
        _points("minimum", (0.0, 0.0)), (-3.0, 3.0, -2.0, 2.0), (-2.5, 1.0), _ravine,
    ),
    Surface(
        "saddle", 2, "Saddle", "马鞍面", "x² − y²", False,
        _points("saddle", (0.0, 0.0)), (-2.0, 2.0, -2.0, 2.0), (-1.5, 0.2), _saddle,
    ),
    Surface(
        "monkey-saddle", 3, "Monkey saddle", "猴鞍面", "x³ − 3xy²", False,
        _points("degenerate", (0.0, 0.0)), (-1.5, 1.5, -1.5, 1.5), (1.0, 0.1), _monkey_saddle,
    ),
    Surface(
        "rosenbrock", 4, "Rosenbrock", "Rosenbrock 函数", "(1 − x)² + 100(y − x²)²", False,
        _points("minimum", (1.0, 1.0)), (-2.0, 2.0, -1.0, 3.0), (-1.5, 2.0), _rosenbrock,
    ),
    Surface(
        "himmelblau", 5, "Himmelblau", "Himmelblau 函数", "(x² + y − 11)² + (x + y² − 7)²", False,
        HIMMELBLAU_POINTS, (-5.0, 5.0, -5.0, 5.0), (0.0, 0.0), _himmelblau,
    ),
    Surface(
        "beale", 6, "Beale", "Beale 函数",
        "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²", False,
        BEALE_POINTS, (-4.5, 4.5, -4.5, 4.5), (1.0, 1.5), _beale,
    ),
    Surface(
        "rastrigin", 7, "Rastrigin", "Rastrigin 函数", "20 + x² + y² − 10cos(2πx) − 10cos(2πy)", False,
        _rastrigin_points(RASTRIGIN_DOMAIN), RASTRIGIN_DOMAIN, (2.3, 2.6), _rastrigin,
    ),
    Surface(
        "six-hump-camel", 8, "Six-hump camel", "六峰驼背函数",
        "(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²", False,
        SIX_HUMP_CAMEL_POINTS, (-2.0, 2.0, -1.0, 1.0), (1.5, 0.9), _six_hump_camel,
    ),
)  # fmt: skip

SURFACES: dict[str, Surface] = {surface.id: surface for surface in _GALLERY}
SURFACE_IDS: tuple[str, ...] = tuple(SURFACES)


def get_surface(surface_id: str) -> Surface:
    """The gallery surface with this id; ValueError naming the choices otherwise."""
    try:
        return SURFACES[surface_id]
    except KeyError:
        choices = ", ".join(SURFACE_IDS)
        raise ValueError(f"unknown surface {surface_id!r}; choose one of: {choices}") from None
