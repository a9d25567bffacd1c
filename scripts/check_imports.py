#!/usr/bin/env python3
"""Check the project's import graph: no cycle, and no layer importing a higher one.

Reads every module of the project's packages with `ast` (nothing is imported or run), and
counts every import, those inside functions included. Steps:
1. Map each module to its layer (LAYERS, lowest first; a module takes the layer of its longest
   matching package prefix).
2. Refuse an import of a module in a higher layer, and any import of Django, DRF or Celery
   (any third-party package) from a pure layer.
3. Find the strongly connected components of the module graph (Tarjan): each component of
   more than one module is an import cycle.
Exit status 1 and a line per problem when something is wrong; 0 and a summary otherwise.

    python scripts/check_imports.py [--graph] [--root DIR]
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Lowest first. A module may import its own layer and those before it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("contract", ("contract",)),
    ("engine", ("recommendations.engine",)),  # pure, but no app below recommendations uses it
    ("core", ("core",)),
    ("accounts", ("accounts",)),
    ("audit", ("audit",)),
    ("reference", ("phases", "missions", "cases")),
    ("webhooks", ("webhooks",)),
    # The records and background runs the features of recommendations build on (the task
    # pages, which resume imports, sit above); `events` stores its imports as task runs, and
    # the situation form reads its suggestions.
    (
        "records",
        (
            "recommendations.models",
            "recommendations.taskruns.services",
            "recommendations.taskruns.serializers",
        ),
    ),
    ("events", ("events",)),
    ("recommendations", ("recommendations",)),
    ("catalogue", ("catalogue",)),
    ("config", ("config",)),
]
PURE = {"contract", "engine"}  # the standard library only
PACKAGES = sorted({prefix.split(".")[0] for _, prefixes in LAYERS for prefix in prefixes})
SKIP_PARTS = {"migrations", "__pycache__"}


def modules() -> Iterator[tuple[str, Path]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if SKIP_PARTS & set(path.relative_to(ROOT).parts):
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path


def imported(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """(absolute name, line) of every import in the module, relative ones resolved."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base)
                name = f"{prefix}.{node.module}" if node.module else prefix
            else:
                name = node.module or ""
            yield name, node.lineno
            for alias in node.names:  # `from package import module`
                yield f"{name}.{alias.name}", node.lineno


def layer_of(module: str) -> int | None:
    best, best_len = None, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    return best


def own_layer(module: str) -> int:
    """The layer of one of the project's modules: each is under a package of LAYERS."""
    layer = layer_of(module)
    if layer is None:
        raise ValueError(f"{module} is in no layer")
    return layer


def reaches_into(module: str, target: str) -> bool:
    """An import of a package by a module of a lower app (the engine is part of
    `recommendations`: the reference apps must not use it)."""
    return target.startswith("recommendations.") and own_layer(module) < own_layer(
        "recommendations.models"
    )


def graph() -> tuple[dict[str, set[str]], list[str]]:
    known = dict(modules())
    edges: dict[str, set[str]] = {m: set() for m in known}
    problems = []
    for module, path in known.items():
        here = own_layer(module)
        for name, line in imported(module, path):
            top = name.split(".")[0]
            if top not in PACKAGES:
                if LAYERS[here][0] in PURE and top not in sys.stdlib_module_names:
                    problems.append(f"{path.relative_to(ROOT)}:{line}: pure layer imports {name}")
                continue
            target = name
            while target and target not in known:  # `from pkg import name`: the module
                target = target.rpartition(".")[0]
            if not target or target == module:
                continue
            edges[module].add(target)
            there = layer_of(target)
            if reaches_into(module, target) and LAYERS[here][0] != "engine":
                problems.append(f"{path.relative_to(ROOT)}:{line}: {module} imports {target}")
            elif there is not None and there > here:
                problems.append(
                    f"{path.relative_to(ROOT)}:{line}: {LAYERS[here][0]} imports "
                    f"{LAYERS[there][0]} ({target})"
                )
    return edges, problems


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def main(argv: list[str]) -> int:
    global ROOT
    if "--root" in argv:
        ROOT = Path(argv[argv.index("--root") + 1]).resolve()
    edges, problems = graph()
    for component in cycles(edges):
        problems.append("import cycle: " + " -> ".join(component))
    if "--graph" in argv:
        for module in sorted(edges):
            print(module, "->", ", ".join(sorted(edges[module])) or "-")
    if problems:
        print("\n".join(dict.fromkeys(problems)))
        return 1
    count = sum(len(targets) for targets in edges.values())
    print(f"imports sound: {len(edges)} modules, {count} imports, no cycle, no upward import")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
