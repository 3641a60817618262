"""The checker and compiler of typed surfaces: text → postfix program of float64 operations.

The text is checked (length, characters, bracket depth) before Python's ``ast`` parses it, and the tree
is accepted only if every node is on a whitelist: numbers, x, y, pi, e, ``+ − * / **`` (``^`` means
``**``), unary ±, and calls of the functions in FUNCTIONS. Nothing is ever eval'd, exec'd or compiled to
Python code. Parts without x or y are folded to one constant (with numpy's float64 arithmetic).
"""

from __future__ import annotations

import ast
import math
import warnings
from dataclasses import dataclass

import numpy as np

from algorithms import expression_kernel as k
from algorithms.expression_kernel import apply

MAX_LENGTH = 500
MAX_BRACKET_DEPTH = 30
MAX_NODES = 200
MAX_CONSTANT = 1e6
MAX_EXPONENT = 100.0
SEGMENT_LENGTH = 24  # longest piece of the text quoted in a message

# name -> (opcode, number of arguments)
FUNCTIONS: dict[str, tuple[int, int]] = {
    "sin": (k.OP_SIN, 1),
    "cos": (k.OP_COS, 1),
    "tan": (k.OP_TAN, 1),
    "exp": (k.OP_EXP, 1),
    "log": (k.OP_LOG, 1),
    "sqrt": (k.OP_SQRT, 1),
    "abs": (k.OP_ABS, 1),
    "tanh": (k.OP_TANH, 1),
    "sinh": (k.OP_SINH, 1),
    "cosh": (k.OP_COSH, 1),
    "atan": (k.OP_ATAN, 1),
    "atan2": (k.OP_ATAN2, 2),
    "min": (k.OP_MIN, 2),
    "max": (k.OP_MAX, 2),
}
CONSTANTS = {"pi": math.pi, "e": math.e}
_BINARY_OPERATORS: dict[type[ast.operator], int] = {
    ast.Add: k.OP_ADD,
    ast.Sub: k.OP_SUB,
    ast.Mult: k.OP_MUL,
    ast.Div: k.OP_DIV,
    ast.Pow: k.OP_POW,
}
_OPERATOR_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Mod: "%",
    ast.FloorDiv: "//",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.BitXor: "^",
    ast.Not: "not",
    ast.Invert: "~",
}
_NOT_ALLOWED: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access is not allowed",
    ast.Subscript: "indexing is not allowed",
    ast.Slice: "indexing is not allowed",
    ast.Compare: "comparisons are not allowed",
    ast.BoolOp: "'and' and 'or' are not allowed",
    ast.IfExp: "'if … else' is not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples are not allowed",
    ast.Set: "sets are not allowed",
    ast.Dict: "dicts are not allowed",
    ast.JoinedStr: "strings are not allowed",
    ast.FormattedValue: "strings are not allowed",
    ast.NamedExpr: "assignment is not allowed",
    ast.Starred: "'*' unpacking is not allowed",
    ast.Await: "'await' is not allowed",
    ast.Yield: "'yield' is not allowed",
    ast.YieldFrom: "'yield' is not allowed",
}


class ExpressionError(ValueError):
    """A rejected expression; ``position`` is the 0-based column in the text (None when global)."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass
class _Code:
    """A compiled subtree: its program, the stack it needs, and its value when it is constant."""

    ops: list[int]
    consts: list[float]
    depth: int
    constant: float | None = None


def _constant_code(value: float) -> _Code:
    return _Code([k.OP_CONST], [value], 1, value)


class _Compiler:
    """Turns a checked tree into postfix code; columns in messages refer to the user's text."""

    def __init__(self, text: str, origin: list[int]) -> None:
        self.text = text
        self.origin = origin  # index in the parsed source -> index in the user's text

    def column(self, node: ast.AST) -> int:
        offset = getattr(node, "col_offset", 0)
        return self.origin[min(max(offset, 0), len(self.origin) - 1)]

    def segment(self, node: ast.AST) -> str:
        """The node's text as the user typed it, shortened for a one-line message."""
        start = self.column(node)
        end_offset = getattr(node, "end_col_offset", None) or 0
        end = self.origin[min(max(end_offset, 0), len(self.origin) - 1)]
        text = self.text[start:end] if end > start else self.text[start:]
        return text if len(text) <= SEGMENT_LENGTH else text[: SEGMENT_LENGTH - 1] + "…"

    def operator_column(self, node: ast.BinOp) -> int:
        """The column of a binary operator: the first character after the left operand and its ')'."""
        offset = node.left.end_col_offset or 0
        source_end = len(self.origin) - 1
        while offset < source_end and self.text[self.origin[offset]] in " \t)":
            offset += 1
        return self.origin[min(offset, source_end)]

    def fail(self, message: str, node: ast.AST) -> ExpressionError:
        column = self.column(node)
        return ExpressionError(f"{message} (column {column + 1})", column)

    def compile(self, node: ast.AST) -> _Code:
        if isinstance(node, ast.Constant):
            return self.number(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Attribute):
            raise self.attribute(node)
        raise self.fail(_NOT_ALLOWED.get(type(node), f"{type(node).__name__} is not allowed"), node)

    def attribute(self, node: ast.Attribute) -> ExpressionError:
        """The error for ``value.name``: the one inside ``value`` (``__import__(…).system``), else the dot."""
        self.compile(node.value)
        column = self.origin[min(node.value.end_col_offset or 0, len(self.origin) - 1)]
        return ExpressionError(f"attribute access is not allowed (column {column + 1})", column)

    def number(self, node: ast.Constant) -> _Code:
        value = node.value
        if isinstance(value, bool) or value is None or value is Ellipsis:
            raise self.fail(f"{value!r} is not allowed", node)
        if isinstance(value, str | bytes):
            raise self.fail("strings are not allowed", node)
        if isinstance(value, complex):
            raise self.fail("complex numbers are not allowed", node)
        if not isinstance(value, int | float):
            raise self.fail(f"{type(value).__name__} constants are not allowed", node)
        if not abs(value) <= MAX_CONSTANT:  # also catches inf (1e999); ints compare without overflow
            column = self.column(node)
            raise ExpressionError(f"constant {self.segment(node)} is larger than 1e6", column)
        return _constant_code(float(value))

    def name(self, node: ast.Name) -> _Code:
        if node.id == "x":
            return _Code([k.OP_X], [], 1)
        if node.id == "y":
            return _Code([k.OP_Y], [], 1)
        if node.id in CONSTANTS:
            return _constant_code(CONSTANTS[node.id])
        if node.id in FUNCTIONS:
            raise self.fail(f"{node.id} is a function: write {node.id}(…)", node)
        if node.id.startswith("_"):
            raise self.fail(f"'{node.id}' is not allowed", node)
        column = self.column(node)
        raise ExpressionError(f"unknown name '{node.id}' at column {column + 1}: use x, y, pi or e", column)

    def unary(self, node: ast.UnaryOp) -> _Code:
        if isinstance(node.op, ast.UAdd):
            return self.compile(node.operand)
        if not isinstance(node.op, ast.USub):
            raise self.fail(f"operator '{_OPERATOR_SYMBOLS.get(type(node.op), '?')}' is not allowed", node)
        return self.combine(node, k.OP_NEG, [self.compile(node.operand)])

    def binary(self, node: ast.BinOp) -> _Code:
        op = _BINARY_OPERATORS.get(type(node.op))
        if op is None:
            symbol = _OPERATOR_SYMBOLS.get(type(node.op), type(node.op).__name__)
            column = self.operator_column(node)
            raise ExpressionError(f"operator '{symbol}' is not allowed (column {column + 1})", column)
        left, right = self.compile(node.left), self.compile(node.right)
        if op == k.OP_POW and right.constant is not None:
            exponent = right.constant
            if not abs(exponent) <= MAX_EXPONENT:
                raise self.fail(f"the exponent {exponent:.6g} is larger than {MAX_EXPONENT:g}", node.right)
            if left.constant is None:
                return _Code([*left.ops, k.OP_POWC], [*left.consts, exponent], left.depth)
        return self.combine(node, op, [left, right])

    def call(self, node: ast.Call) -> _Code:
        if isinstance(node.func, ast.Attribute):
            raise self.attribute(node.func)
        if not isinstance(node.func, ast.Name):
            raise self.fail("only functions can be called, such as sin(x)", node)
        name = node.func.id
        if name.startswith("_"):
            raise self.fail(f"'{name}' is not allowed", node)
        if name in ("x", "y", *CONSTANTS):
            raise self.fail(f"'{name}' is not a function: write {name}*(…) to multiply", node)
        if name not in FUNCTIONS:
            column = self.column(node)
            raise ExpressionError(f"unknown function '{name}' at column {column + 1}", column)
        if node.keywords:
            raise self.fail(f"{name} takes no keyword arguments", node)
        if any(isinstance(arg, ast.Starred) for arg in node.args):
            raise self.fail("'*' unpacking is not allowed", node)
        op, arity = FUNCTIONS[name]
        if len(node.args) != arity:
            plural = "argument" if arity == 1 else "arguments"
            raise self.fail(f"{name} takes {arity} {plural}, got {len(node.args)}", node)
        return self.combine(node, op, [self.compile(arg) for arg in node.args])

    def combine(self, node: ast.AST, op: int, parts: list[_Code]) -> _Code:
        """``op`` applied to the parts' results, folded to a constant when every part is one."""
        values = [part.constant for part in parts]
        if all(value is not None for value in values):
            with np.errstate(all="ignore"):
                folded = float(apply(op, [np.float64(value) for value in values], np))
            if not math.isfinite(folded):
                raise self.fail(f"{self.segment(node)} is not a finite number", node)
            return _constant_code(folded)
        ops = [op for part in parts for op in part.ops] + [op]
        consts = [value for part in parts for value in part.consts]
        depth = max(part.depth + i for i, part in enumerate(parts))
        return _Code(ops, consts, depth)


def _check_text(text: str) -> tuple[str, list[int]]:
    """The checks made before parsing; returns the source to parse ('^' as '**') and its column map."""
    if not isinstance(text, str):
        raise ExpressionError("the expression must be text")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the expression is longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise ExpressionError("empty expression")
    depth = 0
    for column, char in enumerate(text):
        if not (" " <= char <= "~" or char == "\t"):  # printable ASCII only: no look-alike letters
            raise ExpressionError(f"character {char!r} is not allowed at column {column + 1}", column)
        if char in "([{":
            depth += 1
            if depth > MAX_BRACKET_DEPTH:
                raise ExpressionError(f"brackets nested deeper than {MAX_BRACKET_DEPTH}", column)
        elif char in ")]}":
            depth = max(depth - 1, 0)
    source: list[str] = []
    origin: list[int] = []
    for column, char in enumerate(text):
        replacement = "**" if char == "^" else char
        source.append(replacement)
        origin.extend([column] * len(replacement))
    origin.append(len(text))
    return "".join(source), origin


def _parse(source: str, origin: list[int]) -> ast.expr:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. SyntaxWarning for "1if x else 2"
            tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        lead = len(source) - len(source.lstrip())
        offset = lead + max((error.offset or 1) - 1, 0)
        column = origin[min(offset, len(origin) - 1)]
        raise ExpressionError(f"syntax error at column {column + 1}", column) from None
    except (ValueError, RecursionError, MemoryError, OverflowError, Warning):
        raise ExpressionError("the expression cannot be read") from None
    # col_offset counts from the stripped source: shift the map by the leading blanks
    del origin[: len(source) - len(source.lstrip())]
    return tree.body


def compile_text(text: str) -> tuple[list[int], list[float]]:
    """The postfix program (opcodes, constants) of ``text``; ExpressionError (nothing else) if refused."""
    source, origin = _check_text(text)
    tree = _parse(source, origin)
    nodes = sum(1 for node in ast.walk(tree) if isinstance(node, ast.expr))
    if nodes > MAX_NODES:
        raise ExpressionError(f"the expression has more than {MAX_NODES} parts")
    try:
        code = _Compiler(text, origin).compile(tree)
    except RecursionError:
        raise ExpressionError("the expression is nested too deeply") from None
    if code.depth > k.MAX_STACK:
        raise ExpressionError(f"the expression is nested too deeply (needs over {k.MAX_STACK} stack slots)")
    return code.ops, code.consts
