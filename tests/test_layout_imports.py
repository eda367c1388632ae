"""The apps' imports keep the layout ARCHITECTURE.md describes (read from the
source with `ast`, so an import inside a function counts as much as one at the
top of a module):

- no import circle between apps: their production code's imports form a graph
  with no cycle, two apps importing each other being the shortest cycle;
- the foundation, `learning/`, imports no feature app (nor the demo).

What counts, and the exceptions, decided here:
- Every `.py` file under an app's folder is that app's, migrations and
  management commands included.
- An app's tests (`<app>/tests/`) are left out of the cycle rule: nothing imports
  a test module, and some tests check that two apps agree (the cohort grid against
  a person's training record). They are held to the foundation rule all the same.
- `learning/` is a project package as well as the foundation. The modules that
  wire the apps together may name them: `learning/settings/` (INSTALLED_APPS),
  `learning/urls/` (each app's URLconf), `learning/asgi.py` (the forums'
  WebSocket routes) and `learning/celery.py` (the beat schedule of each app's
  tasks). Nothing else in `learning/` may, its tests included.
- `demo/` (the `make run` data) is an app like the others: it imports them all,
  so no app's production code may import it.
"""

import ast
import itertools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FEATURE_APPS = ("induction", "courses", "webinars", "resources", "reporting", "forums", "cohorts")
# The `make run` demo data builds on every app, and nothing but tests imports it.
DEMO = "demo"
FOUNDATION = "learning"
# The project wiring inside learning/: paths relative to learning/.
WIRING = ("settings/", "urls/", "asgi.py", "celery.py")
APPS = (FOUNDATION, *FEATURE_APPS, DEMO)


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        yield path, path.relative_to(ROOT / app).as_posix()


def _imported_apps(path: Path) -> set[tuple[str, int]]:
    """(top-level package, line) of every absolute import anywhere in the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update((name.split(".")[0], node.lineno) for name in names)
    return found


def _is_test(relative: str) -> bool:
    return relative.startswith("tests/") or "/tests/" in relative


def _edges(*, include_tests: bool) -> dict[tuple[str, str], list[str]]:
    """(importer, imported) → where, between the apps of APPS."""
    edges: dict[tuple[str, str], list[str]] = {}
    for app in APPS:
        for path, relative in _modules(app):
            if not include_tests and _is_test(relative):
                continue
            if app == FOUNDATION and relative.startswith(WIRING):
                continue
            for imported, line in _imported_apps(path):
                if imported in APPS and imported != app:
                    edges.setdefault((app, imported), []).append(f"{app}/{relative}:{line}")
    return edges


def _cycle(edges) -> list[str] | None:
    """One cycle of the graph, as [a, b, ..., a], or None."""
    graph: dict[str, set[str]] = {}
    for importer, imported in edges:
        graph.setdefault(importer, set()).add(imported)
    state: dict[str, str] = {}  # "open" while on the path, "done" after

    def visit(app, path):
        state[app] = "open"
        for nxt in sorted(graph.get(app, ())):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[app] = "done"
        return None

    for app in sorted(graph):
        if app not in state and (found := visit(app, [app])):
            return found
    return None


def test_the_scan_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from courses.models import Enrolment\n    import forums\n")
    assert {name for name, _ in _imported_apps(module)} == {"courses", "forums"}


def test_the_cycle_finder_finds_two_apps_importing_each_other_and_longer_circles():
    assert _cycle({("a", "b"): [], ("b", "a"): []}) == ["a", "b", "a"]
    assert _cycle({("a", "b"): [], ("b", "c"): [], ("c", "a"): []}) == ["a", "b", "c", "a"]
    assert _cycle({("a", "b"): [], ("a", "c"): [], ("b", "c"): []}) is None


def test_no_two_apps_import_each_other():
    edges = _edges(include_tests=False)
    both_ways = sorted((a, b) for (a, b) in edges if a < b and (b, a) in edges)  # one line per pair
    assert not both_ways, "\n".join(
        f"{a} and {b} import each other: {edges[(a, b)][:3]} and {edges[(b, a)][:3]}"
        for a, b in both_ways
    )


def test_the_apps_imports_have_no_circle():
    edges = _edges(include_tests=False)
    cycle = _cycle(edges)
    assert cycle is None, (
        " -> ".join(cycle)
        + ": "
        + "; ".join(edges[(a, b)][0] for a, b in itertools.pairwise(cycle))
    )


@pytest.mark.parametrize("app", [*FEATURE_APPS, DEMO])
def test_the_foundation_imports_no_feature_app(app):
    edges = _edges(include_tests=True)
    assert (FOUNDATION, app) not in edges, (
        f"learning/ imports {app}: {edges[(FOUNDATION, app)]}. Register into the "
        "foundation from the app's AppConfig.ready() instead (see learning/page_urls.py)."
    )


def test_the_wiring_exceptions_still_exist():
    """So the exceptions above cannot outlive what they excuse unnoticed."""
    for relative in WIRING:
        assert (ROOT / FOUNDATION / relative).exists(), relative


def _is_models_module(relative: str) -> bool:
    return relative == "models.py" or relative.startswith("models/")


def _imports_views(path: Path, app: str) -> list[int]:
    """Lines where the module imports its own app's views (`..views`, `app.views_x`).
    A foundation helper that builds a response (`learning.regions.views`) is not a
    model importing the views that import it, so it is not counted."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and module.split(".")[0] != app:
                continue
            names = [f"{module}.{alias.name}" if module else alias.name for alias in node.names]
            names.append(module)
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names if alias.name.split(".")[0] == app]
        else:
            continue
        if any(part.startswith("views") for name in names for part in name.split(".")):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("app", APPS)
def test_page_models_do_not_import_views(app):
    """Models route to views by dotted path (`learning.pages.PageViewsMixin`)."""
    found = []
    for path, relative in _modules(app):
        if _is_models_module(relative) or relative.endswith("/models.py"):
            found += [f"{app}/{relative}:{line}" for line in _imports_views(path, app)]
    assert not found, found


def test_every_page_view_named_by_a_page_model_is_a_function():
    from django.apps import apps
    from django.utils.module_loading import import_string

    from learning.pages import PageViewsMixin

    named = {
        (model.__name__, name): dotted
        for model in apps.get_models()
        if issubclass(model, PageViewsMixin)
        for name, dotted in model.page_views.items()
    }
    assert len(named) >= 12  # the pack, steps, guide, modules, lessons, resources
    for (model, name), dotted in named.items():
        assert callable(import_string(dotted)), (model, name, dotted)


def test_the_views_scan_sees_a_model_importing_views_in_a_method(tmp_path):
    module = tmp_path / "models.py"
    module.write_text("class P:\n    def serve(self):\n        from ..views import serve_step\n")
    assert _imports_views(module, "induction") == [3]
    other = tmp_path / "other.py"
    other.write_text(
        "def f():\n    import induction.views_progress\n    from learning.x.views import y\n"
    )
    assert _imports_views(other, "induction") == [2]
