"""The loss plot's range survives diverged runs and spikes; its legend never covers a curve (issue 11, 9)."""

from __future__ import annotations

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from widgets.common.view_data import LossCurve
from widgets.panels.loss_plot_panel import LossPlotPanel, y_range


@pytest.fixture
def panel(qtbot: QtBot) -> LossPlotPanel:
    widget = LossPlotPanel()
    qtbot.addWidget(widget)
    widget.resize(560, 230)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def y_shown(panel: LossPlotPanel) -> tuple[float, float]:
    low, high = panel.plot_item.getViewBox().viewRange()[1]
    return low, high


def test_a_diverged_run_does_not_flatten_the_others(panel: LossPlotPanel) -> None:
    steps = np.arange(100, dtype=float)
    gd = 2.0 * 0.97**steps  # 2 → 0.1
    diverged = 2.0 * 1.9**steps  # passes 1e27, then overflows
    diverged[60:] = np.inf
    panel.set_curves(
        [
            LossCurve("gd", "GD", "#ff2d2d", gd, gd),
            LossCurve("big", "lr = 0.16", "#ffffff", diverged, diverged),
        ]
    )
    low, high = y_shown(panel)
    assert low <= gd.min() and high >= gd.max()
    assert high < 10 * gd.max()  # GD's fall fills the plot


def test_a_run_falling_to_minus_infinity_does_not_flatten_the_others(panel: LossPlotPanel) -> None:
    steps = np.arange(80, dtype=float)
    gd = 1.0 - 0.5 * (1 - 0.9**steps)  # 1 → 0.5
    escaping = -(1.3**steps)  # the saddle: SGD's loss falls without bound
    panel.set_curves(
        [LossCurve("gd", "GD", "#ff2d2d", gd, gd), LossCurve("sgd", "SGD", "#ff9f1c", escaping, escaping)]
    )
    low, high = y_shown(panel)
    assert low <= gd.min() and high >= gd.max()
    assert low > -20


def test_one_spike_does_not_flatten_a_noisy_curve() -> None:
    rng = np.random.default_rng(0)
    noisy = 1.0 + 0.1 * rng.standard_normal(300)
    noisy[150] = 500.0
    low, high = y_range([noisy], log_y=False)
    assert high < 5.0 and low < 0.8


def test_the_legend_never_covers_the_curves(panel: LossPlotPanel) -> None:
    curves = [
        LossCurve(f"r{i}", f"optimizer number {i}", "#ff2d2d", np.linspace(5, 1, 50), np.linspace(5, 1, 50))
        for i in range(9)
    ]
    panel.set_curves(curves)
    legend = panel.legend.sceneBoundingRect()
    plot_area = panel.plot_item.getViewBox().sceneBoundingRect()
    assert legend.width() > 0
    assert legend.left() >= plot_area.right() - 1  # beside the plot, not over it
