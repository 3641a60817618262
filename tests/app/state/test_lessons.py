"""The Lessons menu's presets: each sets the state it promises and its runs do what its text claims.

Qt-free on purpose (no display needed): the lessons are plain functions of an AppState.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from algorithms.critical import analyse_point
from algorithms.engine import RunResult, RunSpec, run_many
from algorithms.optimizers import OptimizerConfig
from algorithms.problems import Problem
from algorithms.reference import reference_run
from algorithms.smoothing import ema
from algorithms.stability import stability_limit
from app.runs.run_builder import PlannedRun, build_problem, plan_runs
from app.state.app_state import AppState, CustomRun
from app.state.lessons import COURSE_START, LESSONS, Lesson, get_lesson, prediction_text
from app.state.optimizer_kinds import optimizer_config

CHINESE = re.compile(r"[\u4e00-\u9fff]")
LESSON_IDS = (
    "gd-sgd-minibatch",
    "saddle-escape",
    "momentum-ravine",
    "too-large-lr",
    "ema-smoothing",
    "adaptive-rosenbrock",
    "nonconvex-net",
    "course-linear-regression",
    "warmup-decay",
    "linear-layers-collapse",
)


def run_lesson(lesson_id: str) -> tuple[AppState, Problem, list[PlannedRun], list[RunResult]]:
    state = AppState()
    get_lesson(lesson_id).apply(state)
    problem = build_problem(state.run)
    planned = plan_runs(state, problem)
    assert all(p.spec is not None for p in planned), [p.error for p in planned]
    results = run_many(problem, [p.spec for p in planned if p.spec is not None], state.run.steps)
    return state, problem, planned, results


def by_key(planned: list[PlannedRun], results: list[RunResult]) -> dict[str, RunResult]:
    return {p.key: r for p, r in zip(planned, results, strict=True)}


# --- the catalogue ----------------------------------------------------------------------------------


def test_the_lessons_in_menu_order() -> None:
    assert tuple(lesson.id for lesson in LESSONS) == LESSON_IDS
    assert all(get_lesson(lesson_id).id == lesson_id for lesson_id in LESSON_IDS)
    with pytest.raises(KeyError, match="unknown lesson"):
        get_lesson("no-such-lesson")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_texts_in_both_languages(lesson: Lesson) -> None:
    for text in (lesson.title_en, lesson.title_zh, lesson.explanation_en, lesson.explanation_zh):
        assert text.strip()
    assert CHINESE.search(lesson.title_zh) and CHINESE.search(lesson.explanation_zh)
    assert not CHINESE.search(lesson.title_en + lesson.explanation_en)
    assert 3 <= lesson.explanation_en.count(". ") + 1 <= 6
    assert 3 <= lesson.explanation_zh.count("。") <= 6
    assert lesson.title("zh_CN") == lesson.title_zh and lesson.title("en") == lesson.title_en
    assert lesson.explanation("zh") == lesson.explanation_zh


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_apply_resets_then_sets_and_plays(lesson: Lesson) -> None:
    state = AppState()
    # Leave the state far from the defaults: every row on, odd settings, custom runs, a start, a head.
    for settings in state.optimizers.values():
        settings.enabled, settings.momentum, settings.weight_decay = True, 0.5, 0.3
    state.run.problem_id, state.run.start, state.run.seed, state.run.samples = "bowl", (0.3, 0.3), 7, 5
    state.run.split, state.run.custom_runs = (0.8, 0.2, 0.0), (CustomRun("x", "x", "#fff", "gd"),)
    state.view.ema_beta, state.view.wireframe = 0.5, False
    state.playback.step = 42
    listened: list[str] = []
    state.run.events.problem_id.connect(listened.append)  # type: ignore[attr-defined]
    lesson.apply(state)
    target = lesson.target_state()
    assert state.run == target.run and state.view == target.view
    assert all(state.optimizers[k] == target.optimizers[k] for k in state.optimizers)
    assert state.run.seed == 0 and state.run.samples == 100 and state.run.split == (1.0, 0.0, 0.0)
    assert state.view.ema_beta == 0.9 and state.view.wireframe  # the default mesh is back
    assert all(s.momentum in (0.0, 0.9) and s.weight_decay in (0.0, 0.01) for s in state.optimizers.values())
    assert state.playback.step == 0 and state.playback.playing
    assert listened == [state.run.problem_id]  # updated in place: the controller hears it
    # Applying it again to a fresh state gives the same state (a pure function of the defaults).
    fresh = AppState()
    lesson.apply(fresh)
    assert fresh.run == state.run


def test_rows_or_custom_runs_but_never_both() -> None:
    for lesson in LESSONS:
        state = AppState()
        lesson.apply(state)
        enabled = [k for k, s in state.optimizers.items() if s.enabled]
        assert bool(enabled) != bool(state.run.custom_runs), lesson.id


# --- each lesson's claims ------------------------------------------------------------------------------


def test_gd_sgd_minibatch() -> None:
    state, problem, planned, results = run_lesson("gd-sgd-minibatch")
    assert problem.train is not None
    assert (state.run.problem_id, problem.train.name) == ("linear-regression", "synthetic-regression")
    assert problem.n_samples == 100 and state.run.lr == 0.05
    assert [p.key for p in planned] == ["gd", "sgd", "minibatch"]
    sizes = [p.spec.batch_size or problem.n_samples for p in planned if p.spec]
    assert sizes == [100, 1, 16]
    runs = by_key(planned, results)
    assert all(r.status == "ok" for r in results)
    jitter = {k: float(np.std(np.diff(r.batch_loss))) for k, r in runs.items()}
    assert jitter["sgd"] > 3 * jitter["minibatch"] and jitter["minibatch"] > jitter["gd"]
    assert jitter["sgd"] > 5 * jitter["gd"]
    # All three get near the fit y ≈ 2x + 1; GD's loss falls steadily (full batch: batch loss = loss).
    for r in results:
        assert abs(r.params[-1][0] - 2) < 0.1 and abs(r.params[-1][1] - 1) < 0.1
    assert np.all(np.diff(runs["gd"].loss) <= 1e-12)
    assert not np.all(np.diff(runs["sgd"].loss) <= 0)


def test_saddle_escape() -> None:
    state, _problem, planned, results = run_lesson("saddle-escape")
    assert state.run.problem_id == "saddle" and state.run.start == (-1.5, 0.0) and state.run.noise == 0.05
    assert state.run.steps == 80
    runs = by_key(planned, results)
    assert set(runs) == {"gd", "sgd"}
    gd, sgd = runs["gd"], runs["sgd"]
    assert gd.status == "ok" and np.hypot(*gd.params[-1]) < 1e-6
    assert abs(sgd.params[-1][1]) > 1
    assert sgd.status == "left-domain"  # "keeps going downhill until it leaves the domain"


def test_momentum_ravine() -> None:
    state, _problem, planned, results = run_lesson("momentum-ravine")
    assert state.run.problem_id == "ravine" and state.run.lr == 0.005 and state.run.steps == 150
    assert all(p.spec is not None and p.spec.batch_size is None for p in planned)  # full batch
    runs = by_key(planned, results)
    assert list(runs) == ["gd", "momentum", "nesterov"]
    gd, momentum, nesterov = (runs[k].loss[-1] for k in runs)
    assert 0.2 < gd < 0.4  # "still about 0.3"
    assert momentum < 1e-5 and momentum < gd / 10
    assert nesterov < 1e-5
    # Nesterov's swings are smaller: its loss overshoots less once both are near the bottom.
    late = slice(50, None)
    assert np.max(runs["nesterov"].loss[late]) < np.max(runs["momentum"].loss[late])


def test_too_large_lr() -> None:
    state, _problem, planned, results = run_lesson("too-large-lr")
    assert state.run.problem_id == "ravine"
    assert [p.label for p in planned] == ["lr = 0.02", "lr = 0.04", "lr = 0.08", "lr = 0.16"]
    assert [p.spec.optimizer.lr for p in planned if p.spec] == pytest.approx([0.02, 0.04, 0.08, 0.16])
    start_loss = results[0].loss[0]
    converged = results[:3]
    assert all(r.status == "ok" and r.loss[-1] < start_loss * 1e-3 for r in converged)
    finals = [r.loss[-1] for r in converged]
    assert finals == sorted(finals, reverse=True)  # below the limit, larger is faster
    y = results[2].params[:10, 1]
    assert np.all(np.sign(y[1:]) == -np.sign(y[:-1]))  # lr = 0.08 zig-zags across the valley
    largest = results[3]
    assert largest.status in ("diverged", "left-domain") and largest.stopped_at is not None
    assert largest.stopped_at <= 10
    assert results[3].params[1][1] == pytest.approx(-2.2 * results[3].params[0][1])


def test_ema_smoothing() -> None:
    _state, _problem, planned, results = run_lesson("ema-smoothing")
    assert [(p.ema_beta, p.bias_correction) for p in planned] == [
        (0.0, True), (0.9, True), (0.99, True), (0.99, False)
    ]  # fmt: skip
    assert all(p.spec is not None and p.spec.batch_size == 1 for p in planned)
    raw = results[0].batch_loss
    assert all(np.array_equal(r.batch_loss, raw) for r in results)
    assert np.std(np.diff(raw)) > 1  # a noisy curve
    smooth = [
        ema(r.batch_loss, p.ema_beta or 0.0, bool(p.bias_correction))
        for p, r in zip(planned, results, strict=True)
    ]
    assert np.array_equal(smooth[0], raw)
    for i in range(len(smooth)):
        for j in range(i + 1, len(smooth)):
            assert not np.allclose(smooth[i], smooth[j])
    jitter = [float(np.std(np.diff(s))) for s in smooth[:3]]
    assert jitter[0] > jitter[1] > jitter[2]  # larger β, smoother
    assert smooth[3][0] < 0.02 * raw[0] and smooth[2][0] == raw[0]  # uncorrected starts near zero


def test_adaptive_rosenbrock() -> None:
    state, problem, planned, results = run_lesson("adaptive-rosenbrock")
    assert state.run.problem_id == "rosenbrock" and state.view.log_loss
    runs = by_key(planned, results)
    assert list(runs) == ["gd", "adagrad", "rmsprop", "adam"]
    start_loss = runs["adam"].loss[0]
    assert runs["gd"].status in ("diverged", "left-domain")
    assert all(runs[k].status == "ok" for k in ("adagrad", "rmsprop", "adam"))
    adagrad, rmsprop, adam = (runs[k].loss[-1] for k in ("adagrad", "rmsprop", "adam"))
    assert adam < start_loss and adam < 1e-3 and np.hypot(*(runs["adam"].params[-1] - 1)) < 0.1
    assert adagrad > 1 > rmsprop > adam  # Adagrad stalls, RMSprop keeps moving
    assert np.max(runs["rmsprop"].loss[-200:]) > 2 * np.min(runs["rmsprop"].loss[-200:])  # it jitters
    # "here it needs lr ≈ 0.002": plain GD at that lr does converge.
    slow = state.optimizers["gd"]
    gd = run_many(problem, [RunSpec(optimizer_config("gd", slow, 0.002), problem.start)], 1000)[0]
    assert gd.status == "ok" and gd.loss[-1] < 1e-3


def test_nonconvex_net() -> None:
    state, problem, planned, results = run_lesson("nonconvex-net")
    assert state.run.problem_id == "tiny-net" and state.run.start == (-1.0, 1.0)
    runs = by_key(planned, results)
    assert list(runs) == ["gd", "adam"]
    gd_end, adam_end = runs["gd"].params[-1], runs["adam"].params[-1]
    assert all(r.status == "ok" for r in results)
    assert gd_end[0] < 0 and gd_end[1] < 0 and adam_end[0] > 0 and adam_end[1] > 0
    assert np.allclose(gd_end, [-1.17, -1.50], atol=0.02) and np.allclose(adam_end, [1.17, 1.50], atol=0.02)
    # The two minima are mirror images with the same loss (the network is the same function).
    assert problem.loss_at(*gd_end) == pytest.approx(problem.loss_at(*-gd_end), rel=1e-12)
    assert runs["gd"].loss[-1] == pytest.approx(runs["adam"].loss[-1], rel=1e-3)
    # Adam passes close to the saddle.
    assert np.min(np.hypot(*runs["adam"].params.T)) < 0.15
    # The origin is a saddle: zero gradient (autograd), a Hessian with eigenvalues of both signs.
    x, y = (torch.tensor(a) for a in problem.data_arrays("train"))

    def loss(w1: torch.Tensor, w2: torch.Tensor) -> torch.Tensor:
        return problem.torch_loss(w1, w2, (x, y))

    w1, w2 = (torch.zeros((), dtype=torch.float64, requires_grad=True) for _ in range(2))
    grads = torch.autograd.grad(loss(w1, w2), (w1, w2))
    assert all(abs(float(g)) < 1e-12 for g in grads)
    origin = analyse_point(loss, 0.0, 0.0)
    assert origin.kind == "saddle"
    assert origin.eigenvalues[0] < -0.1 and origin.eigenvalues[1] > 0.1
    assert problem.loss_at(np.array(0.0), np.array(0.0)) > 100 * runs["gd"].loss[-1]


def test_course_linear_regression() -> None:
    state, problem, planned, results = run_lesson("course-linear-regression")
    assert problem.train is not None and problem.train.name == "course" and problem.reduction == "sum"
    assert state.run.lr == 0.01 and not state.run.shuffle
    assert list(problem.train.x) == [1, 2, 3] and list(problem.train.y) == [2, 4, 6]
    assert [p.key for p in planned] == ["sgd"]
    spec = planned[0].spec
    assert spec is not None and spec.batch_size == 1 and state.run.steps == 1000 * 3
    # The start is nn.Linear(1, 1)'s initial (w, b) after torch.manual_seed(0).
    torch.manual_seed(0)
    linear = torch.nn.Linear(1, 1)
    assert spec.start == (linear.weight.item(), linear.bias.item()) == COURSE_START
    (result,) = results
    w, b = result.params[-1]
    assert abs(w * 4 + b - 8) < 1e-3
    assert round(w * 4 + b, 4) == 7.9995  # the explanation's "≈ 7.9995"
    reference = reference_run(problem, spec, state.run.steps)
    assert reference.status == "ok"
    assert np.max(np.abs(reference.params - result.params)) < 1e-9
    ref_w, ref_b = reference.params[-1]
    assert abs((ref_w * 4 + ref_b) - (w * 4 + b)) < 1e-9
    assert prediction_text(w, b) == f"ŷ(4) = w·4 + b = {w:.6g}·4 + {b:.3g} = {w * 4 + b:.5g}"
    assert prediction_text(w, b).endswith("= 7.9995")


def test_linear_layers_collapse() -> None:
    state, problem, planned, results = run_lesson("linear-layers-collapse")
    assert state.run.problem_id == "linear-net" and state.run.start == (-1.5, -0.5) and state.run.lr == 0.02
    x, y = problem.data_arrays("train")
    assert x.tolist() == [1.0, 2.0, 3.0] and y.tolist() == [2.0, 4.0, 6.0]
    runs = by_key(planned, results)
    assert list(runs) == ["gd", "momentum", "adam"]
    ends = {key: run.params[-1] for key, run in runs.items()}
    expected = {"gd": (-1.77, -1.13), "momentum": (-1.45, -1.38), "adam": (-2.00, -1.00)}
    for key, end in ends.items():
        assert runs[key].status == "ok"
        np.testing.assert_allclose(end, expected[key], atol=0.005)
        assert f"{end[0] * end[1]:.3f}" == "2.000" and runs[key].loss[-1] < 1e-12
        assert 4 * end[0] * end[1] == pytest.approx(8.0, abs=1e-5)  # ŷ(4) = (w₁·w₂)·4: one linear layer
    # The loss is (14/3)·(w₁·w₂ − 2)²: a function of the product only.
    w1, w2 = np.meshgrid(np.linspace(-3, 3, 7), np.linspace(-3, 3, 7))
    np.testing.assert_allclose(problem.loss_at(w1, w2), 14 / 3 * (w1 * w2 - 2) ** 2, rtol=1e-12, atol=1e-12)
    # The origin is a saddle with Hessian eigenvalues ±56/3 ≈ ±18.7.
    xt, yt = (torch.tensor(a) for a in (x, y))
    origin = analyse_point(lambda a, b: problem.torch_loss(a, b, (xt, yt)), 0.0, 0.0)
    assert origin.kind == "saddle"
    np.testing.assert_allclose(origin.eigenvalues, (-56 / 3, 56 / 3), rtol=1e-12)
    assert f"{56 / 3:.1f}" == "18.7"
    # Sharper farther out: the largest stable lr at GD's and Adam's minima.
    gd_limit = stability_limit(problem, OptimizerConfig("sgd"), tuple(ends["gd"])).lr
    adam_limit = stability_limit(problem, OptimizerConfig("sgd"), tuple(ends["adam"])).lr
    assert f"{gd_limit:.4f}" == "0.0486" and f"{adam_limit:.4f}" == "0.0428"
    # With tanh between the layers the model bends: w₁ = 1, w₂ = 2 predicts 1.52, 1.93, 1.99.
    assert [f"{2 * np.tanh(1 * xi):.2f}" for xi in x] == ["1.52", "1.93", "1.99"]
    # Every run equals torch.optim on the real model.
    for plan, result in zip(planned, results, strict=True):
        assert plan.spec is not None
        reference = reference_run(problem, plan.spec, 60)
        np.testing.assert_allclose(result.params[:61], reference.params, rtol=0, atol=1e-9)
