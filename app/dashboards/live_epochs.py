"""A training's curves per epoch as they arrive, for a dashboard that shows them live.

The Real model window trains its optimizers one after the other on a worker thread; after each epoch
``add`` records that optimizer's metrics and returns every curve so far (the finished optimizers' and
the running one's), which the dashboard sends whole — so a dropped send loses nothing. Qt-free; one
``LiveEpochs`` per training, fed from one thread.
"""

from __future__ import annotations

import numpy as np

from app.dashboards.series import EpochSeries


class LiveEpochs:
    def __init__(self) -> None:
        self._metrics: dict[str, dict[str, list[float]]] = {}  # optimizer → metric → one value per epoch

    def add(self, optimizer: str, epoch: int, metrics: dict[str, float]) -> list[EpochSeries]:
        """Record ``optimizer``'s metrics after ``epoch`` (0: the initial weights); every curve so far."""
        curves = self._metrics.setdefault(optimizer, {})
        for key, value in metrics.items():
            values = curves.setdefault(key, [])
            del values[epoch:]  # an epoch heard again (a restarted optimizer) replaces the old one
            values.append(float(value))
        return [
            EpochSeries(
                name=name,
                hyperparameters={},
                batch_loss=np.zeros(0),
                metrics={key: np.asarray(values, dtype=float) for key, values in run.items()},
            )
            for name, run in self._metrics.items()
        ]
