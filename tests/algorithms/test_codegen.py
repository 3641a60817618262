"""algorithms/torch_source.py (the surface formulas in torch) and the pieces of codegen.py's script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from algorithms.codegen import noise_scale, pytorch_script
from algorithms.datasets import course_data
from algorithms.engine import RunSpec, run_many
from algorithms.expressions import parse_expression
from algorithms.optimizers import preset
from algorithms.problems import data_problem, expression_problem, surface_problem
from algorithms.surfaces import SURFACE_IDS, get_surface
from algorithms.torch_source import SURFACE_TORCH, program_to_torch, surface_torch_expression


def test_every_gallery_surface_has_a_torch_expression() -> None:
    assert set(SURFACE_TORCH) == set(SURFACE_IDS)


@pytest.mark.parametrize("surface_id", SURFACE_IDS)
def test_torch_expression_equals_the_surface(surface_id: str) -> None:
    surface = get_surface(surface_id)
    expression = surface_torch_expression(surface_problem(surface_id))
    xmin, xmax, ymin, ymax = surface.domain
    generator = torch.Generator().manual_seed(7)
    x = xmin + (xmax - xmin) * torch.rand(200, generator=generator, dtype=torch.float64)
    y = ymin + (ymax - ymin) * torch.rand(200, generator=generator, dtype=torch.float64)
    value = eval(expression, {"torch": torch, "x": x, "y": y})  # the table's own text, in a test
    torch.testing.assert_close(value, surface.torch_value(x, y), rtol=1e-14, atol=1e-12)


TYPED = [
    "x^2 + 3*sin(y)",
    "2^x - -y + (-x) ** 2 + x ** -2",
    "sin(pi*x) * cos(e*y) / (1 + x*x)",
    "5",
    "min(x, 1) + max(2, y) + atan2(1, x) + atan2(x, y)",
    "x - (y - 1) + x * (y / 3) - x / 2 / 3 + (x + y)**(x - y) + (x**2)**y",
    "abs(x) + sqrt(x*x + 1) + log(1 + exp(-y)) + tanh(x) + sinh(y)/cosh(y) + atan(x*y) - tan(0.1*x)",
    "sin(1)*x + sqrt(2) - (x+y)",
]


def _same(a: torch.Tensor | None, b: torch.Tensor | None) -> bool:
    """Bit for bit, nan where nan."""
    if a is None or b is None:
        return a is None and b is None
    return torch.equal(a.isnan(), b.isnan()) and torch.equal(a.nan_to_num(), b.nan_to_num())


@pytest.mark.parametrize("text", TYPED)
def test_typed_formula_is_the_same_torch_operations(text: str) -> None:
    problem = expression_problem(text)
    code = surface_torch_expression(problem)
    generator = torch.Generator().manual_seed(3)
    x = (torch.rand(60, generator=generator, dtype=torch.float64) * 3 + 0.1).requires_grad_()
    y = (torch.rand(60, generator=generator, dtype=torch.float64) * 3 - 1.5).requires_grad_()
    ours = eval(code, {"torch": torch, "x": x, "y": y})  # the generated text, in a test
    theirs = problem.surface.torch_value(x, y)  # type: ignore[union-attr]
    assert _same(ours, theirs)
    ours_grad = torch.autograd.grad(ours.sum(), (x, y), allow_unused=True)
    theirs_grad = torch.autograd.grad(theirs.sum(), (x, y), allow_unused=True)
    assert all(_same(a, b) for a, b in zip(ours_grad, theirs_grad, strict=True))


def test_typed_formula_reads_like_the_text() -> None:
    assert program_to_torch(parse_expression("x^2 + 3*sin(y)")) == "x ** 2 + 3 * torch.sin(y)"
    assert program_to_torch(parse_expression("-x^2 - (-2)^y")) == "-x ** 2 - (-2) ** y"
    assert program_to_torch(parse_expression("sin(pi*x)")) == "torch.sin(torch.pi * x)"
    source = pytorch_script(expression_problem("x^2 + 3*sin(y)"), RunSpec(preset("sgd"), (1.0, 1.0)), 5)
    compile(source, "<script>", "exec")
    assert '    """f(x, y) = x^2 + 3*sin(y)"""\n    return x ** 2 + 3 * torch.sin(y)' in source


def test_script_compiles_and_has_the_pieces() -> None:
    problem = data_problem("linear-regression", course_data(), reduction="sum")
    spec = RunSpec(
        preset("momentum", lr=0.01, nesterov=True), (-0.4, 2.1), batch_size=1, shuffle=False, seed=4
    )
    source = pytorch_script(problem, spec, 30)
    compile(source, "<script>", "exec")
    for piece in (
        "x_data = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64).reshape(-1, 1)",
        "y_data = torch.tensor([2.0, 4.0, 6.0], dtype=torch.float64).reshape(-1, 1)",
        "model = nn.Linear(1, 1).double()",
        "model.weight.fill_(-0.4)",
        "model.bias.fill_(2.1)",
        'criterion = nn.MSELoss(reduction="sum")',
        "optimizer = torch.optim.SGD(\n    model.parameters(),\n    lr=0.01,\n    momentum=0.9,\n"
        "    dampening=0.0,\n    weight_decay=0.0,\n    nesterov=True,\n)",
        "batch_size=1,\n    shuffle=False,\n    generator=torch.Generator().manual_seed(4),",
        "STEPS = 30",
        "print(json.dumps([w.item(), b.item()]))",
    ):
        assert piece in source
    assert source.count("print(") == 1


def test_different_learning_rates_become_param_groups() -> None:
    problem = data_problem("logistic-regression", reduction="mean")
    spec = RunSpec(preset("rmsprop", lr=0.05, lr_y=0.01, centered=True), problem.start, batch_size=16)
    source = pytorch_script(problem, spec, 10)
    compile(source, "<script>", "exec")
    assert '{"params": [w], "lr": 0.05},\n        {"params": [b], "lr": 0.01},' in source
    assert 'nn.BCEWithLogitsLoss(reduction="mean")' in source
    assert "torch.optim.RMSprop(" in source and "centered=True," in source and "alpha=0.99," in source
    assert "batch_size=16,\n    shuffle=True," in source and "model.parameters()" not in source


def test_surface_script_uses_tensors_and_the_formula() -> None:
    problem = surface_problem("rastrigin", noise=0.5, samples=40, seed=1)
    spec = RunSpec(preset("adamw", lr=0.02), (2.3, 2.6), batch_size=8, seed=1)
    source = pytorch_script(problem, spec, 10)
    compile(source, "<script>", "exec")
    assert "x = torch.tensor(2.3, dtype=torch.float64, requires_grad=True)" in source
    assert f"    return {SURFACE_TORCH['rastrigin']}" in source
    assert "torch.randn(40, 2, generator=noise_generator, dtype=torch.float64) * 0.5" in source
    assert "[x, y],\n    lr=0.02," in source and "weight_decay=0.01," in source
    assert "f(x, y) + (eps_batch[:, 0] * x + eps_batch[:, 1] * y).mean()" in source


@pytest.mark.parametrize("scale", [0.0, 1.0, 0.3, 2.5, 1e-3, 0.1234567891])
def test_noise_is_regenerated_with_the_same_calls(scale: float) -> None:
    problem = surface_problem("bowl", noise=scale, samples=30, seed=5)
    assert noise_scale(problem, 5) == scale


def test_noise_from_another_seed_is_written_inline_and_still_exact(tmp_path: Path) -> None:
    problem = surface_problem("himmelblau", noise=1.5, samples=12, seed=9)
    spec = RunSpec(preset("adagrad", lr=0.3), (0.0, 0.0), batch_size=5, seed=2)  # not the noise seed
    assert noise_scale(problem, spec.seed) is None
    source = pytorch_script(problem, spec, 25)
    assert "randn" not in source and "eps = torch.tensor(" in source
    path = tmp_path / "train.py"
    path.write_text(source, encoding="utf-8")
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    printed = [json.loads(line) for line in done.stdout.splitlines()]
    (result,) = run_many(problem, [spec], 25)
    np.testing.assert_allclose(printed, result.params[1:], rtol=0, atol=1e-9)


def test_negative_steps_are_refused() -> None:
    with pytest.raises(ValueError, match="steps"):
        pytorch_script(surface_problem("bowl"), RunSpec(preset("sgd"), (1.0, 1.0)), -1)
