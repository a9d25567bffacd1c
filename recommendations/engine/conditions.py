"""The condition language of rules: a documented subset of JsonLogic (jsonlogic.com).

A condition is JSON. It is one of:

    true                                   always
    {"var": "cross_border"}                a true/false fact is true
    {"==": [{"var": F}, value]}            fact F equals value          ("!=" for differs)
    {"in": [{"var": F}, [v1, v2, ...]]}    fact F is one of the values
    {"in": [value, {"var": F}]}            list fact F contains value (e.g. grievances)
    {">=": [{"var": F}, number]}           numeric comparison           (also ">", "<", "<=")
    {"and": [c1, c2, ...]}                 all hold
    {"or": [c1, c2, ...]}                  at least one holds
    {"!": c}                               c does not hold (JsonLogic also allows {"!": [c]})

A condition nests at most MAX_DEPTH operators inside one another and holds at most MAX_SIZE
JSON values. Any JsonLogic interpreter gives the same answer on these conditions. Facts are
the v1 input fields plus the derived facts the engine adds as it goes (see `facts.py`).
Conditions are validated against the fact catalogue when a rule is saved (`validate`),
compiled once into Python closures (`compile_condition`), and a fired rule's condition is
explained in terms of the facts that made it hold (`compile_explainer`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from math import isfinite
from typing import Any

from recommendations.engine.errors import ConditionError
from recommendations.engine.facts import FactSpec

Condition = Any  # JSON: bool | dict
Test = Callable[[Mapping[str, Any]], bool]

COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a is not None and a < b,
    "<=": lambda a, b: a is not None and a <= b,
    ">": lambda a, b: a is not None and a > b,
    ">=": lambda a, b: a is not None and a >= b,
}
SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}
OPERATORS = ("and", "or", "!", "==", "!=", "in", "var", *COMPARISONS)
MAX_DEPTH = 20  # operators inside one another; the reference rules nest at most 5
MAX_SIZE = 500  # JSON values in one condition; the reference rules use at most 57


def _too_big(node: Condition) -> str | None:
    """Why a condition is too deep or too large to keep, or None; measured without recursion,
    so that any JSON can be measured."""
    stack: list[tuple[Any, int]] = [(node, 0)]
    size = 0
    while stack:
        value, depth = stack.pop()
        size += 1
        if size > MAX_SIZE:
            return f"a condition holds at most {MAX_SIZE} values (operators, facts and values)"
        if isinstance(value, dict):
            if depth + 1 > MAX_DEPTH and set(value) & {"and", "or", "!"}:
                return f"operators nest at most {MAX_DEPTH} deep"
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth) for item in value)
    return None


def _var(node: Any, path: str, facts: Mapping[str, FactSpec]) -> FactSpec:
    if not (isinstance(node, dict) and set(node) == {"var"} and isinstance(node["var"], str)):
        raise ConditionError(path, f'expected {{"var": "<fact>"}}, got {node!r}')
    name = node["var"]
    if name not in facts:
        raise ConditionError(path, f"unknown field {name!r}")
    return facts[name]


def _is_var(node: Any) -> bool:
    return isinstance(node, dict) and set(node) == {"var"}


def _operator(node: Any, path: str) -> tuple[str, Any]:
    if node is True:
        return "true", None
    if not isinstance(node, dict) or len(node) != 1:
        raise ConditionError(
            path, f"a condition is true or an object with one operator, got {node!r}"
        )
    ((op, args),) = node.items()
    if op not in OPERATORS:
        raise ConditionError(path, f"unknown operator {op!r}; allowed: {', '.join(OPERATORS)}")
    return op, args


def _pair(args: Any, path: str, op: str) -> tuple[Any, Any]:
    if not isinstance(args, list) or len(args) != 2:
        raise ConditionError(path, f'"{op}" takes a list of two operands')
    return args[0], args[1]


def validate(node: Condition, facts: Mapping[str, FactSpec], path: str = "") -> set[str]:
    """Check a condition against the fact catalogue; return the names of the facts it reads."""
    if not path and (problem := _too_big(node)):
        raise ConditionError(path, problem)
    op, args = _operator(node, path)
    here = f"{path}.{op}" if path else op
    if op == "true":
        return set()
    if op in ("and", "or"):
        if not isinstance(args, list) or not args:
            raise ConditionError(here, f'"{op}" takes a non-empty list of conditions')
        return set().union(*(validate(c, facts, f"{here}[{i}]") for i, c in enumerate(args)))
    if op == "!":
        inner = args[0] if isinstance(args, list) and len(args) == 1 else args
        return validate(inner, facts, here)
    if op == "var":
        spec = _var(node, path, facts)
        if spec.kind != "bool":
            raise ConditionError(here, f"{spec.name!r} is not true/false; compare it with a value")
        return {spec.name}
    left, right = _pair(args, here, op)
    if op in ("==", "!="):
        spec = _var(left, f"{here}[0]", facts)
        spec.check_value(right, f"{here}[1]")
        return {spec.name}
    if op == "in":
        if _is_var(left):
            spec = _var(left, f"{here}[0]", facts)
            if spec.kind == "list" or not isinstance(right, list) or not right:
                raise ConditionError(here, f'"in" with {spec.name!r} first takes a list of values')
            for i, value in enumerate(right):
                spec.check_value(value, f"{here}[1][{i}]")
            return {spec.name}
        spec = _var(right, f"{here}[1]", facts)
        if spec.kind != "list":
            raise ConditionError(here, f"{spec.name!r} is not a list; use [fact, [values]]")
        spec.check_value(left, f"{here}[0]")
        return {spec.name}
    spec = _var(left, f"{here}[0]", facts)
    if spec.kind != "int":
        raise ConditionError(here, f"{spec.name!r} is not a number")
    if isinstance(right, bool) or not isinstance(right, (int, float)) or not isfinite(right):
        raise ConditionError(f"{here}[1]", f"expected a number, got {right!r}")
    return {spec.name}


def _literal(value: Any) -> str:
    """Python source for a JSON scalar; only plain scalars pass, through repr()."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    raise ConditionError("", f"expected a plain value, got {value!r}")


def condition_source(node: Condition) -> str:
    """Python source of a boolean expression over the facts mapping `f`."""
    op, args = _operator(node, "")
    if op == "true":
        return "True"
    if op == "var":
        return f"(f[{_literal(args)}] is True)"
    if op in ("and", "or"):
        return "(" + f" {op} ".join(condition_source(c) for c in args) + ")"
    if op == "!":
        inner = args[0] if isinstance(args, list) and len(args) == 1 else args
        return f"(not {condition_source(inner)})"
    left, right = args
    if op in ("==", "!="):
        return f"(f[{_literal(left['var'])}] {op} {_literal(right)})"
    if op == "in":
        if _is_var(left):
            values = ", ".join(_literal(v) for v in right)
            return f"(f[{_literal(left['var'])}] in {{{values}}})"
        return f"({_literal(left)} in f[{_literal(right['var'])}])"
    fact = f"f[{_literal(left['var'])}]"
    return f"({fact} is not None and {fact} {op} {_literal(right)})"


def compile_condition(node: Condition) -> Test:
    """Turn a condition into one Python function over a facts mapping.

    The condition becomes a single expression (`and`/`or` short-circuit as in JsonLogic), so a
    test costs one call. Every name and value enters the source through repr() of a plain
    scalar, so no condition can inject code. A condition Python cannot compile (one stored
    before its size was checked) is a ConditionError, like any condition that does not fit.
    """
    if problem := _too_big(node):
        raise ConditionError("", problem)
    try:
        source = condition_source(node)
        test: Test = eval(compile(f"lambda f: {source}", "<condition>", "eval"), {})  # noqa: S307
    except (SyntaxError, RecursionError, MemoryError) as exc:
        raise ConditionError("", f"cannot be compiled ({type(exc).__name__})") from None
    return test


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


Explainer = Callable[[Mapping[str, Any], list[str], dict[str, Any]], None]


def compile_explainer(node: Condition) -> Explainer:
    """Compile why a condition holds: the reasons, and the facts they rest on.

    The explainer is run only on conditions that hold. It gives only the parts that made it
    true: every part of an "and", the true parts of an "or"; under a "!", the actual values of
    the facts it reads.
    """
    op, args = _operator(node, "")
    if op == "true":
        return lambda f, reasons, used: None
    if op == "and":
        parts = tuple(compile_explainer(c) for c in args)

        def explain_all(f: Mapping[str, Any], reasons: list[str], used: dict[str, Any]) -> None:
            for part in parts:
                part(f, reasons, used)

        return explain_all
    if op == "or":
        pairs = tuple((compile_condition(c), compile_explainer(c)) for c in args)

        def explain_true(f: Mapping[str, Any], reasons: list[str], used: dict[str, Any]) -> None:
            for test, part in pairs:
                if test(f):
                    part(f, reasons, used)

        return explain_true
    if op == "!":
        names = sorted(
            condition_names(args[0] if isinstance(args, list) and len(args) == 1 else args)
        )
        return _describer(names, lambda name, value: f"{name} = {_show(value)}")
    if op == "var":
        return _describer([args], lambda name, value: f"{name} = true")
    if op == "in" and not _is_var(args[0]):
        shown = _show(args[0])
        return _describer([args[1]["var"]], lambda name, value: f"{name} include {shown}")
    name, literal = args[0]["var"], _show(args[1])
    if op == "!=":
        return _describer([name], lambda n, value: f"{n} = {_show(value)} (not {literal})")
    if op in COMPARISONS:
        symbol = SYMBOLS[op]
        return _describer([name], lambda n, value: f"{n} = {_show(value)} ({symbol} {literal})")
    return _describer([name], lambda n, value: f"{n} = {_show(value)}")


def _describer(names: list[str], describe: Callable[[str, Any], str]) -> Explainer:
    def explain(f: Mapping[str, Any], reasons: list[str], used: dict[str, Any]) -> None:
        for name in names:
            used[name] = f[name]
            reasons.append(describe(name, f[name]))

    return explain


def explain(node: Condition, facts: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """Why a condition holds (uncompiled convenience; see compile_explainer)."""
    reasons: list[str] = []
    used: dict[str, Any] = {}
    compile_explainer(node)(facts, reasons, used)
    return reasons, used


def condition_names(node: Condition) -> set[str]:
    """The facts a (validated) condition reads."""
    op, args = _operator(node, "")
    if op == "true":
        return set()
    if op in ("and", "or"):
        return set().union(*(condition_names(c) for c in args))
    if op == "!":
        return condition_names(args[0] if isinstance(args, list) and len(args) == 1 else args)
    if op == "var":
        return {args}
    left, right = args
    return {(left if _is_var(left) else right)["var"]}
