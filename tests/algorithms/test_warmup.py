"""The install step's `python -m algorithms.warmup` fills a fresh numba cache with every kernel the app
calls, so the first launch compiles nothing (fresh interpreters on an empty NUMBA_CACHE_DIR)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What the window and the CLI do with kernels: every gallery entry and a typed f(x, y) with every
# optimizer row at the window's settings, a split and a summed loss, then the loss curves' EMA.
APP_WORK = r"""
import json
import numba.core.registry
import algorithms.engine, algorithms.smoothing, algorithms.torch_random, algorithms.kernels
import algorithms.expression_kernel, algorithms.expressions
from algorithms.engine import run_many, with_full_loss
from algorithms.problems import data_problem, expression_problem, surface_problem, DATA_PROBLEMS
from algorithms.smoothing import ema
from algorithms.surfaces import SURFACES
from app.runs.run_builder import plan_runs
from app.state.app_state import AppState
from app.state.optimizer_kinds import OPTIMIZER_KINDS

state = AppState()
for kind in OPTIMIZER_KINDS:
    state.optimizers[kind].enabled = True
problems = [surface_problem(key) for key in SURFACES] + [data_problem(key) for key in DATA_PROBLEMS]
problems += [expression_problem("sin(x) * y^2", critical_points=False)]
problems += [data_problem("logistic-regression", fractions=(0.7, 0.15, 0.15), reduction="sum")]
for problem in problems:
    specs = [p.spec for p in plan_runs(state, problem) if p.spec is not None]
    for result in run_many(problem, specs, 50):
        ema(result.batch_loss, 0.9, True)
        ema(result.loss, 0.5, False)
    for result in run_many(problem, specs, 50, full_loss=False):  # as the window runs them
        with_full_loss(problem, result)
modules = [algorithms.kernels, algorithms.expression_kernel, algorithms.smoothing, algorithms.torch_random]
misses, hits = {}, {}
for module in modules:
    for name, value in vars(module).items():
        if isinstance(value, numba.core.registry.CPUDispatcher):
            key = f"{module.__name__}.{name}"
            misses[key] = sum(value.stats.cache_misses.values())
            hits[key] = sum(value.stats.cache_hits.values())
print("STATS " + json.dumps({"misses": misses, "hits": hits}))
"""


def _python(args: list[str], cache: Path) -> str:
    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.timeout(400)  # two fresh interpreters, one compiling every kernel (~8 s CPU; slow when shared)
def test_warmup_fills_a_fresh_cache_with_every_kernel_the_app_calls(tmp_path: Path) -> None:
    import json

    cache = tmp_path / "numba-cache"
    _python(["-m", "algorithms.warmup"], cache)
    indexes = {path.name.split("-")[0] for path in cache.rglob("*.nbi")}
    for kernel in ("kernels.run_one", "expression_kernel.eval_program", "smoothing._smooth"):
        assert kernel in indexes
    replays = {"torch_random._fisher_yates", "torch_random._box_muller_blocks", "torch_random._row_sum"}
    assert replays <= indexes

    out = _python(["-c", APP_WORK], cache)
    stats = json.loads(next(line for line in out.splitlines() if line.startswith("STATS "))[6:])
    assert {name: n for name, n in stats["misses"].items() if n} == {}  # nothing compiled: all from the cache
    for kernel in ("kernels.run_one", "smoothing._smooth", "torch_random._row_sum"):
        assert stats["hits"][f"algorithms.{kernel}"] > 0
