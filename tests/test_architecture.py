"""The project's import graph: extraction/ stays a library, and no module imports another in a cycle."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("recipeplanner", "sessions_app", "extraction", "notifications")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_modules() -> dict[str, Path]:
    modules = {"celery_app": ROOT / "celery_app.py"}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            modules[_module_name(path)] = path
    return modules


MODULES = _project_modules()


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    """The absolute names a module imports (relative imports resolved), at its top level or anywhere."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _project_targets(names: set[str]) -> set[str]:
    return {name for name in names if name in MODULES}


def test_the_extraction_library_imports_no_app_no_celery_and_no_channels():
    forbidden = ("sessions_app", "notifications", "celery", "celery_app", "channels", "rest_framework")
    offenders = {
        (module, name)
        for module, path in MODULES.items()
        if module.startswith("extraction")
        for name in _imports(path, top_level_only=False)
        if name.split(".")[0] in forbidden
    }
    assert offenders == set()


def test_no_module_imports_another_in_a_cycle():
    graph = {
        module: _project_targets(_imports(path, top_level_only=True)) - {module}
        for module, path in MODULES.items()
    }
    # Importing a submodule runs its package's __init__ too.
    for module in list(graph):
        parent = module.rpartition(".")[0]
        if parent in graph:
            graph[module].add(parent)
    cycles = []
    state: dict[str, str] = {}

    def visit(module: str, stack: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target, [*stack, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("module", ["sessions_app.services", "sessions_app.tasks", "notifications.events"])
def test_the_graph_walk_sees_the_modules_that_matter(module):
    assert module in MODULES
    assert _imports(MODULES[module], top_level_only=True)
