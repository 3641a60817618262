"""The Lessons menu's presets: each lesson is data plus a pure function that sets an AppState (Qt-free).

``lesson.apply(state)`` resets the state to the defaults (every optimizer row disabled, no custom runs,
the problem's own start, play head at step 0), sets exactly what the lesson needs and starts playback.
The state's objects are updated in place, field by field, so whoever listens to them (the controller)
hears the changes. The numbers quoted in app/lesson_texts.py are checked by tests/lessons/test_lessons.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from app.state.app_state import AppState, CustomRun
from app.state.lesson_texts import LESSON_TEXTS
from app.state.optimizer_kinds import KIND_COLORS
from app.state.schedules import ScheduleSettings, settings_for
from app.translatable import QT_TRANSLATE_NOOP

# The (w, b) that nn.Linear(1, 1) draws after torch.manual_seed(0) (float32 values, exactly).
COURSE_START = (-0.007486820220947266, 0.5364435911178589)
COURSE_X = 4.0  # the course predicts y for x = 4 after training


@dataclass(frozen=True)
class Lesson:
    id: str
    title_en: str
    title_zh: str
    explanation_en: str  # plain text with simple <b> tags
    explanation_zh: str
    configure: Callable[[AppState], None] = field(repr=False, compare=False)

    def title(self, language: str = "en") -> str:
        return self.title_zh if language.startswith("zh") else self.title_en

    def explanation(self, language: str = "en") -> str:
        return self.explanation_zh if language.startswith("zh") else self.explanation_en

    def target_state(self) -> AppState:
        """The state this lesson sets, built on a fresh default state with every row disabled."""
        target = default_state()
        self.configure(target)
        return target

    def apply(self, state: AppState) -> None:
        """Reset ``state`` to the defaults, set what the lesson needs, and start playing from step 0."""
        copy_state(self.target_state(), state)
        state.playback.step = 0
        state.playback.playing = True


def default_state() -> AppState:
    """The defaults a lesson starts from: a fresh AppState with every optimizer row disabled."""
    state = AppState()
    for settings in state.optimizers.values():
        settings.enabled = False
    return state


def copy_state(source: AppState, target: AppState) -> None:
    """Set every field of ``target``'s objects to ``source``'s, in place (playback is left to the caller).

    The view goes first and the run last, so what the controller derives when a problem loads (the log
    height scale) is not overwritten afterwards.
    """
    _copy_fields(source.view, target.view)
    for kind, settings in source.optimizers.items():
        _copy_fields(settings, target.optimizers[kind])
    _copy_fields(source.run, target.run)
    target.playback.speed = source.playback.speed


def _copy_fields(source: object, target: object) -> None:
    for f in dataclasses.fields(source):  # type: ignore[arg-type]
        value = getattr(source, f.name)
        if getattr(target, f.name) != value:
            setattr(target, f.name, value)


def _enable(state: AppState, *kinds: str) -> None:
    for kind in kinds:
        state.optimizers[kind].enabled = True


def prediction_text(w: float, b: float, x: float = COURSE_X) -> str:
    """The trained model's prediction for x, written out: "ŷ(4) = w·4 + b = 1.99972·4 + 0.000661 = 7.9995"."""
    return f"ŷ({x:g}) = w·{x:g} + b = {w:.6g}·{x:g} + {b:.3g} = {w * x + b:.5g}"


# --- the lessons -----------------------------------------------------------------------------------

BATCH_LR = 0.05
LR_SCALES = (1.0, 2.0, 4.0, 8.0)
TOO_LARGE_BASE_LR = 0.02
EMA_SETTINGS = ((0.0, True), (0.9, True), (0.99, True), (0.99, False))

# The lessons' run names that are words, not formulas: the window shows them translated in this context
# (every other custom run's name, "lr = 0.5" or "β = 0.9", reads the same in every language).
RUN_LABEL_CONTEXT = "LessonRuns"
RAW_LABEL = QT_TRANSLATE_NOOP("LessonRuns", "β = 0 (raw)")
NO_BIAS_CORRECTION_LABEL = QT_TRANSLATE_NOOP("LessonRuns", "β = 0.99, no bias correction")
CONSTANT_LR_LABEL = QT_TRANSLATE_NOOP("LessonRuns", "constant lr")
STEP_LR_LABEL = QT_TRANSLATE_NOOP("LessonRuns", "StepLR (×0.2 every 100 steps)")
WARMUP_COSINE_LABEL = QT_TRANSLATE_NOOP("LessonRuns", "warm-up + cosine (OneCycleLR)")
TRANSLATED_RUN_LABELS = (
    RAW_LABEL,
    NO_BIAS_CORRECTION_LABEL,
    CONSTANT_LR_LABEL,
    STEP_LR_LABEL,
    WARMUP_COSINE_LABEL,
)


def _gd_sgd_minibatch(state: AppState) -> None:
    run = state.run
    run.problem_id, run.dataset = "linear-regression", "synthetic-regression"
    run.lr, run.steps, run.batch_size = BATCH_LR, 200, 16
    state.view.log_loss = True  # batch 1's noise shows at every height, not only at the start
    _enable(state, "gd", "sgd", "minibatch")


def _saddle_escape(state: AppState) -> None:
    run = state.run
    run.problem_id, run.start = "saddle", (-1.5, 0.0)
    run.lr, run.steps, run.noise = 0.1, 80, 0.05
    _enable(state, "gd", "sgd")


def _momentum_ravine(state: AppState) -> None:
    run = state.run
    run.problem_id = "ravine"
    run.lr, run.steps, run.batch_size = 0.005, 150, 0  # full batch: only the update rule differs
    _enable(state, "gd", "momentum", "nesterov")


def _too_large_lr(state: AppState) -> None:
    run = state.run
    run.problem_id = "ravine"
    run.lr, run.steps = TOO_LARGE_BASE_LR, 100
    colors = (
        KIND_COLORS["adagrad"],
        KIND_COLORS["adamw"],
        KIND_COLORS["adam"],
        KIND_COLORS["gd"],
    )  # cool → hot
    run.custom_runs = tuple(
        CustomRun(f"lr-x{scale:g}", f"lr = {TOO_LARGE_BASE_LR * scale:g}", color, "gd", lr_scale=scale)
        for scale, color in zip(LR_SCALES, colors, strict=True)
    )


def _ema_label(beta: float, bias_correction: bool) -> str:
    if beta == 0.0:
        return RAW_LABEL
    if not bias_correction:
        assert beta == 0.99, "a new setting without bias correction needs its translatable label"
        return NO_BIAS_CORRECTION_LABEL
    return f"β = {beta:g}"


def _ema_smoothing(state: AppState) -> None:
    run = state.run
    run.problem_id, run.dataset = "linear-regression", "synthetic-regression"
    run.lr, run.steps = BATCH_LR, 300
    colors = (KIND_COLORS["sgd"], KIND_COLORS["adagrad"], KIND_COLORS["rmsprop"], KIND_COLORS["momentum"])
    run.custom_runs = tuple(
        CustomRun(
            f"ema-{beta:g}" + ("" if bias else "-raw"),
            _ema_label(beta, bias),
            color,
            "sgd",
            ema_beta=beta,
            bias_correction=bias,
        )
        for (beta, bias), color in zip(EMA_SETTINGS, colors, strict=True)
    )


def _adaptive_rosenbrock(state: AppState) -> None:
    run = state.run
    run.problem_id = "rosenbrock"
    run.lr, run.steps, run.batch_size = 0.05, 1000, 0
    state.view.log_loss = True
    state.view.log_height = True
    state.playback.speed = 100.0  # 1,000 steps in 10 s
    _enable(state, "gd", "adagrad", "rmsprop", "adam")


def _nonconvex_net(state: AppState) -> None:
    run = state.run
    run.problem_id, run.start = "tiny-net", (-1.0, 1.0)
    run.lr, run.steps, run.batch_size = 0.05, 300, 0
    _enable(state, "gd", "adam")


def _course_linear_regression(state: AppState) -> None:
    run = state.run
    run.problem_id, run.dataset, run.reduction = "linear-regression", "course", "sum"
    run.start = COURSE_START
    run.lr, run.steps, run.shuffle = 0.01, 3000, False  # 1,000 epochs × 3 samples, batch 1
    run.batch_size = 1  # the batch slider shows the course's batch
    state.playback.speed = 300.0  # 3,000 steps in 10 s
    _enable(state, "sgd")


WARMUP_LR = 0.02
WARMUP_SCHEDULES = (
    ("constant", CONSTANT_LR_LABEL, ScheduleSettings()),
    (
        "step-lr",
        STEP_LR_LABEL,
        settings_for("StepLR").with_value("step_size", 100).with_value("gamma", 0.2),
    ),
    (
        "warmup-cosine",
        WARMUP_COSINE_LABEL,
        settings_for("OneCycleLR").with_value("pct_start", 0.1).with_value("cycle_momentum", False),
    ),
)


def _warmup_decay(state: AppState) -> None:
    run = state.run
    run.problem_id, run.noise, run.samples = "ravine", 3.0, 100
    run.lr, run.steps, run.batch_size = WARMUP_LR, 300, 10
    state.view.log_loss = True  # the jitter left near the minimum shows on a log axis
    colors = (KIND_COLORS["gd"], KIND_COLORS["momentum"], KIND_COLORS["adam"])
    run.custom_runs = tuple(
        CustomRun(key, label, color, "minibatch", schedule=schedule)
        for (key, label, schedule), color in zip(WARMUP_SCHEDULES, colors, strict=True)
    )


def _linear_layers_collapse(state: AppState) -> None:
    run = state.run
    run.problem_id, run.dataset, run.start = "linear-net", "course", (-1.5, -0.5)
    run.lr, run.steps, run.batch_size = 0.02, 300, 0  # full batch: only the update rule differs
    _enable(state, "gd", "momentum", "adam")


_CONFIGURE: dict[str, Callable[[AppState], None]] = {
    "gd-sgd-minibatch": _gd_sgd_minibatch,
    "saddle-escape": _saddle_escape,
    "momentum-ravine": _momentum_ravine,
    "too-large-lr": _too_large_lr,
    "ema-smoothing": _ema_smoothing,
    "adaptive-rosenbrock": _adaptive_rosenbrock,
    "nonconvex-net": _nonconvex_net,
    "course-linear-regression": _course_linear_regression,
    "warmup-decay": _warmup_decay,
    "linear-layers-collapse": _linear_layers_collapse,
}

LESSONS: tuple[Lesson, ...] = tuple(
    Lesson(lesson_id, *LESSON_TEXTS[lesson_id], configure=configure)
    for lesson_id, configure in _CONFIGURE.items()
)
_BY_ID = {lesson.id: lesson for lesson in LESSONS}


def get_lesson(lesson_id: str) -> Lesson:
    """The lesson with this id; KeyError naming the choices otherwise."""
    try:
        return _BY_ID[lesson_id]
    except KeyError:
        raise KeyError(f"unknown lesson {lesson_id!r}; choose one of: {', '.join(_BY_ID)}") from None
