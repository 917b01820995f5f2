"""Draw the package's import graph and check its layering (docs/architecture.md).

  python scripts/import_graph.py           rewrite docs/architecture.md
  python scripts/import_graph.py --check   fail if a rule is broken or the page is stale

The rules: no import cycles between modules; no module imports one of a later stage
(core < input < note < render < pipeline/publish/write < rounds/upload < web/cli), so the
stages' packages never import each other both ways. Every import counts, also those
made inside a function.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "mededeling"
PAGE = ROOT / "docs" / "architecture.md"

# (layer, what it holds), in the order data flows; a module's layer is its first match
LAYERS: list[tuple[str, tuple[str, ...], str]] = [
    ("shared", ("errors", "resources", "core"), "what every stage shares: the round model, "
     "the block tree, statuses, problems, the Dutch number style, all error types"),
    ("load and validate", ("input",), "a round folder read and checked into the round model"),
    ("compute and phrase", ("note",), "every figure, the Dutch sentences, the annexes"),
    ("render", ("render",), "the computed note as Word, HTML, PDF, JSON and Excel, in memory"),
    ("write", ("pipeline", "publish", "write"), "one round through the stages, and its "
     "files put in place"),
    ("use the pipeline", ("rounds", "upload", "review_cycle"), "the rounds of a folder "
     "and their state; a round handed in; reviewers' copies taken back"),
    ("front ends", ("web", "cli", "__main__"), "the web page and the command line"),
]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts) or "__init__"


def layer_of(module: str) -> int:
    if module == "__init__":
        return 0
    head = module.split(".")[0]
    for i, (_, heads, _) in enumerate(LAYERS):
        if head in heads:
            return i
    raise SystemExit(f"{module}: in no layer of scripts/import_graph.py")


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, known: set[str]) -> set[str]:
    """The package's modules a file imports (a package's __init__ counts as itself)."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(block.test)
                   for stmt in block.body for n in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue  # for type checkers only: never imported when the code runs
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # 'from mededeling.core import model' imports core.model, not just core
            inner = [f"{node.module}.{a.name}" for a in node.names]
            names = [n for n in inner if n.removeprefix("mededeling.") in known] or [node.module]
        for name in names:
            if name == "mededeling":
                found.add("__init__")
            elif name.startswith("mededeling."):
                inner = name[len("mededeling."):]
                while inner and inner not in known:
                    inner = inner.rpartition(".")[0]
                if inner:
                    found.add(inner)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {m: imports(p, known) - {m} for m, p in mods.items()}


def problems(g: dict[str, set[str]]) -> list[str]:
    out = []
    for m, deps in sorted(g.items()):
        for d in sorted(deps):
            if layer_of(d) > layer_of(m):
                out.append(f"{m} ({LAYERS[layer_of(m)][0]}) imports {d}, of a later stage "
                           f"({LAYERS[layer_of(d)][0]})")
    # cycles: depth-first search, each reported once by its smallest member
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(g.get(m, ())):
            if d.endswith("__init__") or d in ("core", "input", "note", "render", "web"):
                continue  # a package's docstring-only __init__ imports nothing
            if state.get(d) == 1:
                cycle = stack[stack.index(d):] + [d]
                out.append("import cycle: " + " -> ".join(cycle))
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m)
    return out


def first_line(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return " ".join(doc.split("\n\n")[0].split())


def page(g: dict[str, set[str]]) -> str:
    mods = modules()
    lines = [
        "# Architecture: the pipeline and its modules",
        "",
        "Made by `scripts/import_graph.py` (run it after moving code; a test checks that this",
        "page is current and that the rules hold). Data flows one way:",
        "",
        "```",
        "inputs/<meetmoment>/ -> input (load, validate) -> note (compute, phrase)"
        " -> render -> publish/write -> output/<meetmoment>/",
        "```",
        "",
        "Rules: no import cycles; no module imports one of a later stage. "
        "`pipeline.prepare` runs",
        "load -> validate -> compute -> phrase; `publish` renders, checks a final's texts and",
        "lets `write` put the files in place. `rounds` and `upload` use the pipeline; the web",
        "page and the command line stand on top.",
        "",
    ]
    for i, (title, heads, what) in enumerate(LAYERS):
        lines += [f"## {i}. {title}", "", what[0].upper() + what[1:] + ".", "",
                  "| module | what it holds | imports from the package |", "| --- | --- | --- |"]
        for m in sorted(x for x in mods if layer_of(x) == i and x != "__init__"):
            deps = ", ".join(f"`{d}`" for d in sorted(g[m]) if d != "__init__") or "-"
            lines.append(f"| `{m}` | {first_line(mods[m]).replace('|', '/')} | {deps} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    g = graph()
    broken = problems(g)
    for line in broken:
        print(line, file=sys.stderr)
    text = page(g)
    if "--check" in argv:
        stale = not PAGE.is_file() or PAGE.read_text(encoding="utf-8") != text
        if stale:
            print("docs/architecture.md is not current: run python scripts/import_graph.py",
                  file=sys.stderr)
        return 1 if broken or stale else 0
    PAGE.write_text(text, encoding="utf-8")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
