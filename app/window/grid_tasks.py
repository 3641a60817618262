"""Pure functions the worker runs: the surface grid of a problem and the gallery thumbnails."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from algorithms.problems import DATA_PROBLEMS, PROBLEM_NAMES, Problem, data_problem, surface_problem
from algorithms.surfaces import SURFACES
from widgets.common.thumbnail import render_thumbnail
from widgets.common.view_data import GalleryItem, SurfaceGrid

GRID_RESOLUTION = 100
THUMBNAIL_RESOLUTION = 48
GALLERY_KEYS = (*SURFACES, *DATA_PROBLEMS)


def surface_grid(problem: Problem, resolution: int = GRID_RESOLUTION) -> SurfaceGrid:
    """The full training loss on a resolution² grid over the problem's domain.

    Also imports scipy.spatial here, on the worker, once: the 3D view hulls the surface with it when the
    grid is shown (widgets/gl/axis_label_layout.py), and importing it there would block the GUI ~0.2 s.
    """
    import scipy.spatial  # noqa: F401  (loaded off the GUI thread, see above)

    xmin, xmax, ymin, ymax = problem.domain
    xs = np.linspace(xmin, xmax, resolution)
    ys = np.linspace(ymin, ymax, resolution)
    z = problem.loss_grid(xs, ys)
    z.flags.writeable = False
    z_label = QCoreApplication.translate("Results", "loss")
    return SurfaceGrid(xs, ys, z, problem.param_names[0], problem.param_names[1], z_label)


def gallery_problem(key: str) -> Problem:
    return data_problem(key) if key in DATA_PROBLEMS else surface_problem(key, noise=0.0, samples=1)


TAGS_ZH = {"convex": "凸", "non-convex": "非凸", "saddle points": "有鞍点"}


def gallery_tags(tags: str, chinese: bool) -> str:
    """ "non-convex · saddle points", or its Chinese "非凸 · 有鞍点"."""
    if not chinese:
        return tags
    return " · ".join(TAGS_ZH.get(tag, tag) for tag in tags.split(" · "))


def gallery_items(chinese: bool = False) -> list[GalleryItem]:
    items = []
    for key, surface in SURFACES.items():
        title = surface.name_zh if chinese else surface.name_en
        tags = gallery_tags(surface.tags(), chinese)
        items.append(GalleryItem(key, title, tags, f"f(x, y) = {surface.formula_text}"))
    for key in DATA_PROBLEMS:
        name_en, name_zh = PROBLEM_NAMES[key]
        tags = gallery_tags("convex" if "regression" in key else "non-convex · saddle points", chinese)
        items.append(GalleryItem(key, name_zh if chinese else name_en, tags, name_en))
    return items


def gallery_thumbnails() -> dict[str, np.ndarray]:
    """RGB thumbnails of every gallery entry (runs on the worker)."""
    return {
        key: render_thumbnail(surface_grid(gallery_problem(key), THUMBNAIL_RESOLUTION).z)
        for key in GALLERY_KEYS
    }
