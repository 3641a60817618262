"""Drawing geometry for the 3D surface: the scene box, the mesh, baked shading, wireframe lines.

Pure numpy, no Qt. The scene is a fixed box: the domain ``[x0, x1] x [y0, y1]`` maps to
``[-1, 1] x [-1, 1]`` whatever its units (so a (w, b) landscape with very different ranges still
looks square) and heights to ``[0, SCENE_HEIGHT]`` through a `HeightTransform`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SCENE_HALF = 1.0  # the domain spans [-SCENE_HALF, SCENE_HALF] in scene x and y
SCENE_HEIGHT = 0.6 * 2 * SCENE_HALF  # display heights span [0, 0.6 x the xy extent]

# Lambert lighting baked into vertex colours: a fixed light from the upper front-left of the
# default camera (azimuth -60°), so slopes facing the learner are lit and the far sides shaded.
LIGHT_DIRECTION = np.array([0.2, -0.75, 0.9]) / np.linalg.norm([0.2, -0.75, 0.9])
AMBIENT = 0.38
DIFFUSE = 0.62


@dataclass(frozen=True)
class PlaneTransform:
    """Maps domain coordinates (x, y) to the scene's [-1, 1] square and back."""

    x0: float
    x1: float
    y0: float
    y1: float

    @classmethod
    def fit(cls, xs: np.ndarray, ys: np.ndarray) -> PlaneTransform:
        x0, x1 = float(np.min(xs)), float(np.max(xs))
        y0, y1 = float(np.min(ys)), float(np.max(ys))
        return cls(x0, x1 if x1 > x0 else x0 + 1.0, y0, y1 if y1 > y0 else y0 + 1.0)

    def to_scene(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        sx = (np.asarray(x, dtype=np.float64) - self.x0) / (self.x1 - self.x0) * 2 - 1
        sy = (np.asarray(y, dtype=np.float64) - self.y0) / (self.y1 - self.y0) * 2 - 1
        return sx * SCENE_HALF, sy * SCENE_HALF

    def from_scene(self, sx: float, sy: float) -> tuple[float, float]:
        x = self.x0 + (sx / SCENE_HALF + 1) / 2 * (self.x1 - self.x0)
        y = self.y0 + (sy / SCENE_HALF + 1) / 2 * (self.y1 - self.y0)
        return float(x), float(y)


def grid_faces(valid: np.ndarray) -> np.ndarray:
    """Two triangles per grid cell of a (ny, nx) vertex grid, dropping cells with an invalid corner.

    Vertex (j, i) has index ``j * nx + i``. Returns (M, 3) uint32.
    """
    ny, nx = valid.shape
    idx = np.arange(ny * nx, dtype=np.uint32).reshape(ny, nx)
    a, b = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel()
    c, d = idx[1:, :-1].ravel(), idx[1:, 1:].ravel()
    ok = (valid[:-1, :-1] & valid[:-1, 1:] & valid[1:, :-1] & valid[1:, 1:]).ravel()
    tri1 = np.stack([a, b, d], axis=1)[ok]
    tri2 = np.stack([a, d, c], axis=1)[ok]
    return np.concatenate([tri1, tri2]).astype(np.uint32)


def shaded_colors(sx: np.ndarray, sy: np.ndarray, heights: np.ndarray, lut: np.ndarray) -> np.ndarray:
    """Per-vertex RGBA (ny*nx, 4) float32: colour map by height, times Lambert shading.

    ``sx`` (nx,), ``sy`` (ny,) scene coordinates, ``heights`` (ny, nx) scene heights (NaN = hole),
    ``lut`` (K, 3 or 4) colours in [0, 1] indexed by height from 0 to SCENE_HEIGHT.
    Normals come from ``np.gradient`` of the height field; holes and their rims face straight up.
    """
    h = np.asarray(heights, dtype=np.float64)
    valid = np.isfinite(h)
    filled = np.where(valid, h, 0.0)
    if h.shape[0] > 1 and h.shape[1] > 1:
        dh_dy, dh_dx = np.gradient(filled, sy, sx)
    else:
        dh_dy = dh_dx = np.zeros_like(filled)
    # A neighbour in a hole makes the difference meaningless: light those vertices as flat.
    near_hole = ~valid
    near_hole[1:, :] |= ~valid[:-1, :]
    near_hole[:-1, :] |= ~valid[1:, :]
    near_hole[:, 1:] |= ~valid[:, :-1]
    near_hole[:, :-1] |= ~valid[:, 1:]
    dh_dx = np.where(near_hole, 0.0, dh_dx)
    dh_dy = np.where(near_hole, 0.0, dh_dy)
    norm = np.sqrt(dh_dx**2 + dh_dy**2 + 1.0)
    lambert = (-dh_dx * LIGHT_DIRECTION[0] - dh_dy * LIGHT_DIRECTION[1] + LIGHT_DIRECTION[2]) / norm
    shade = AMBIENT + DIFFUSE * np.clip(lambert, 0.0, 1.0)

    k = lut.shape[0]
    index = np.clip(np.rint(filled / SCENE_HEIGHT * (k - 1)), 0, k - 1).astype(np.intp)
    rgba = np.ones((*h.shape, 4), dtype=np.float32)
    rgba[..., :3] = lut[index, :3] * shade[..., None]
    rgba[..., 3] = np.where(valid, 1.0, 0.0)
    return rgba.reshape(-1, 4)


def wireframe_segments(
    sx: np.ndarray, sy: np.ndarray, heights: np.ndarray, max_lines: int = 40, lift: float = 0.0
) -> np.ndarray:
    """Grid lines over the mesh as (2K, 3) float32 segment end points (for GL 'lines' mode).

    Every ``stride``-th row and column is drawn so there are at most ``max_lines`` each way;
    segments touching a hole are dropped.
    """
    ny, nx = heights.shape
    pts = np.empty((ny, nx, 3), dtype=np.float64)
    pts[..., 0] = sx[None, :]
    pts[..., 1] = sy[:, None]
    pts[..., 2] = heights + lift
    valid = np.isfinite(heights)
    segments = []
    stride_y = max(1, int(np.ceil(ny / max_lines)))
    rows, rows_ok = pts[::stride_y], valid[::stride_y]
    ok = rows_ok[:, :-1] & rows_ok[:, 1:]
    segments.append(np.stack([rows[:, :-1][ok], rows[:, 1:][ok]], axis=1))
    stride_x = max(1, int(np.ceil(nx / max_lines)))
    cols, cols_ok = pts[:, ::stride_x], valid[:, ::stride_x]
    ok = cols_ok[:-1, :] & cols_ok[1:, :]
    segments.append(np.stack([cols[:-1][ok], cols[1:][ok]], axis=1))
    return np.concatenate(segments).reshape(-1, 3).astype(np.float32)


def sample_heights(
    sx: np.ndarray, sy: np.ndarray, heights: np.ndarray, px: np.ndarray, py: np.ndarray
) -> np.ndarray:
    """Bilinear heights at scene points (px, py); NaN outside the grid or in a cell with a hole."""
    px = np.asarray(px, dtype=np.float64)
    py = np.asarray(py, dtype=np.float64)
    nx, ny = sx.size, sy.size
    out = np.full(px.shape, np.nan)
    inside = (px >= sx[0]) & (px <= sx[-1]) & (py >= sy[0]) & (py <= sy[-1])
    if nx < 2 or ny < 2 or not inside.any():
        return out
    qx, qy = px[inside], py[inside]
    i = np.clip(np.searchsorted(sx, qx, side="right") - 1, 0, nx - 2)
    j = np.clip(np.searchsorted(sy, qy, side="right") - 1, 0, ny - 2)
    tx = (qx - sx[i]) / (sx[i + 1] - sx[i])
    ty = (qy - sy[j]) / (sy[j + 1] - sy[j])
    h00, h01 = heights[j, i], heights[j, i + 1]
    h10, h11 = heights[j + 1, i], heights[j + 1, i + 1]
    out[inside] = (h00 * (1 - tx) + h01 * tx) * (1 - ty) + (h10 * (1 - tx) + h11 * tx) * ty
    return out
