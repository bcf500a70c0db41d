"""Mutation fuzzing of govplan's inputs: the worked examples, ledgers and command lines.

A case is a seed (an example file in YAML, JSON or TOML, or a CSV ledger) and a
random number; :func:`mutate` turns them into hostile bytes (flipped, cut,
re-encoded, a line repeated, a hostile line or value put in, a list item
repeated …) and :func:`run_document`, :func:`run_ledger` and :func:`run_command`
feed them to govplan and say what happened:

- ``accepted``: loaded; then checked for what should have been refused (a key
  given twice, two records with one id in one list) -- a *silent accept*;
- ``refused``: a govplan error; ``located`` when it names a field, a line, a row
  or a byte;
- ``raw``: any other exception, or a traceback, or exit status 3 -- a defect.

The quick tests (``tests/test_hostile_fuzz.py``) and the long run
(``benchmarks/fuzz.py``) share this module.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import random
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import attrs
import yaml

import govplan as g
from govplan.io.text_files import decode_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
_FORMATS: dict[str, g.Format] = {".yaml": "yaml", ".json": "json", ".toml": "toml"}


@dataclass
class Outcome:
    """What govplan did with one input."""

    kind: str  # "accepted", "refused" or "raw"
    located: bool = False
    detail: str = ""
    silent: list[str] = field(default_factory=list)
    seconds: float = 0.0


@functools.cache
def seeds() -> dict[str, bytes]:
    """Every worked example as YAML, and as JSON and TOML where it can be written so."""
    found: dict[str, bytes] = {}
    for path in sorted(EXAMPLES.glob("*/*.yaml")):
        name = f"{path.parent.name}/{path.stem}"
        found[f"{name}.yaml"] = path.read_bytes()
        document = g.load(path)
        for fmt in ("json", "toml"):
            with contextlib.suppress(Exception):  # TOML cannot write every document
                found[f"{name}.{fmt}"] = g.dumps(document, fmt).encode("utf-8")
    return found


@functools.cache
def ledger_plan() -> Any:
    return g.load(EXAMPLES / "education-bureau" / "plan-2011.yaml")


@functools.cache
def ledger_seeds() -> dict[str, bytes]:
    """CSV ledgers of the education bureau's 2011 results, as officials save them."""
    results = g.load(EXAMPLES / "education-bureau" / "results-2011.yaml")
    rows = ["指标,单位,期间,数值,备注"]
    for observation in results.observations:
        value = "" if observation.value is None else str(observation.value)
        rows.append(f"{observation.indicator_id},{observation.scope or ''},{observation.period},"
                    f"{value},{observation.note or ''}")  # fmt: skip
    text = "\n".join(rows) + "\n"
    return {
        "ledger-utf8.csv": text.encode("utf-8"),
        "ledger-bom.csv": text.encode("utf-8-sig"),
        "ledger-gbk.csv": text.encode("gbk"),
    }


# --- mutations ---------------------------------------------------------------------------

_LAUGHS = "".join(
    f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}" if n else "'x'"] * 9) + "]\n" for n in range(9)
)
HOSTILE_VALUES: tuple[str, ...] = (
    "{}", '""', "[]", "2.7", "true", "null", ".inf", "-.nan", "-1e999999", "1e400",
    "9" * 5000, "0x1F", "'9６%x'", "'第0名'", "'(,)%'", "'300多人'", "'<script>alert(1)</script>'",
    "'<img src=x onerror=alert(1)>'", "'=HYPERLINK(\"http://x\")'", "[" * 300 + "]" * 300,
    "'" + "计" * 20_000 + "'", "!!binary aGVsbG8=", "!!set {a, b}", "*undefined", "&a [*a]",
    "!!python/object/apply:os.system ['true']", "2011-02-30", "'\u0085'", "'\x00'",
)  # fmt: skip
HOSTILE_LINES: tuple[str, ...] = (
    "id: x", "value: 9%", "order: 2.7", "order: true", "<<: {id: y}", "- {}", "- ''",
    "document: budget", "parent_id: nowhere", "indicator_id: nowhere", "\t- tab",
    "'unclosed: [", "...", "---", "%YAML 1.1", _LAUGHS,
)  # fmt: skip
_ENCODINGS = ("gbk", "gb18030", "utf-16", "utf-16-be", "utf-8-sig", "latin-1", "utf-32", "big5")


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [""]


def _byte_mutation(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
    at = rng.randrange(len(data))
    choice = rng.randrange(6)
    if choice == 0:  # flip a byte
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
    if choice == 1:  # insert bytes, often a broken UTF-8 sequence or a NUL
        piece = rng.choice(
            [b"\x00", b"\xff", b"\xe4\xb8", b"\xc3", b"\r", b"\x1b[31m", b"\xef\xbb\xbf"]
        )
        return data[:at] + piece + data[at:]
    if choice == 2:  # delete a span
        return data[:at] + data[at + rng.randrange(1, 64) :]
    if choice == 3:  # truncate
        return data[:at]
    if choice == 4:  # repeat a span
        end = min(len(data), at + rng.randrange(1, 200))
        return data[:end] + data[at:end] + data[end:]
    return data[:at] + rng.choice([b"PK\x03\x04", b"%PDF", b"\x89PNG"]) + data[at:]


def _line_mutation(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    at = rng.randrange(len(lines))
    choice = rng.randrange(5)
    if choice == 0:  # repeat a line: a key given twice, or an item twice
        lines.insert(at, lines[at])
    elif choice == 1:
        del lines[at]
    elif choice == 2:
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
    elif choice == 3:  # a hostile line, indented like its neighbour
        indent = re.match(r"[ -]*", lines[at])
        prefix = indent.group().replace("-", " ") if indent else ""
        lines.insert(at, prefix + rng.choice(HOSTILE_LINES) + "\n")
    else:  # a hostile value in place of the value on this line
        lines[at] = re.sub(
            r"(:\s*|=\s*|-\s+)[^\n]*",
            lambda m: m[1] + rng.choice(HOSTILE_VALUES),
            lines[at],
            count=1,
        )
    return "".join(lines)


def _paths(data: Any) -> list[tuple[Any, ...]]:
    """Every path into *data* (iteratively: mutated data may nest deeply)."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack and len(found) < 100_000:
        value, path = stack.pop()
        found.append(path)
        if isinstance(value, dict):
            stack.extend((item, (*path, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
    return found


def _structure_mutation(text: str, fmt: g.Format, rng: random.Random) -> str:
    """Change the parsed data (repeat a list item, swap a value for a hostile one) and write it."""
    try:
        data = _plain(text, fmt)
    except (Exception, RecursionError):
        return text
    paths = [p for p in _paths(data) if p]
    if not paths or len(paths) >= 100_000:
        return text  # YAML aliases may share a value a billion times: not ours to expand
    path = rng.choice(paths)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    choice = rng.randrange(5)
    if choice == 0 and isinstance(parent, list):  # an item twice: two records, one id
        parent.insert(last, json.loads(json.dumps(parent[last], default=str)))
    elif choice == 1:
        parent[last] = rng.choice([{}, "", [], 2.7, True, None, -1, "x" * 1000, {"id": "x"}])
    elif choice == 2 and isinstance(parent, dict):
        del parent[last]
    elif choice == 3 and isinstance(parent, dict):
        parent[f"unknown_{rng.randrange(99)}"] = "?"
    elif isinstance(parent[last], str):  # a dangling or doubled reference
        parent[last] = rng.choice(["nowhere", parent[last] + parent[last], ""])
    try:
        return _write(data, fmt)
    except (Exception, RecursionError):  # data the writer cannot write: keep the text
        return text


def _plain(text: str, fmt: g.Format) -> Any:
    if fmt == "json":
        return json.loads(text)
    if fmt == "toml":
        import tomllib

        return tomllib.loads(text)
    return yaml.safe_load(text)


def _write(data: Any, fmt: g.Format) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, default=str, indent=1)
    if fmt == "toml":
        import tomli_w

        try:
            return tomli_w.dumps(data)
        except (TypeError, ValueError):
            return json.dumps(data, default=str)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def mutate(data: bytes, fmt: g.Format | None, rng: random.Random) -> bytes:
    """One to three random mutations of *data* (a file of format *fmt*, None for a ledger)."""
    for _ in range(rng.randrange(1, 4)):
        choice = rng.randrange(10)
        if choice < 3:
            data = _byte_mutation(data, rng)
            continue
        text = data.decode("utf-8", errors="surrogateescape")
        if choice < 6:
            text = _line_mutation(text, rng)
        elif choice < 9 and fmt is not None:
            text = _structure_mutation(text, fmt, rng)
        else:
            encoding = rng.choice(_ENCODINGS)
            with contextlib.suppress(UnicodeError):
                return text.encode(encoding)
        data = text.encode("utf-8", errors="surrogateescape")
    return data


# --- running a case ----------------------------------------------------------------------


def _located(error: g.GovplanError) -> bool:
    """Whether the error says where: a field path, a line, a row, a byte or a position."""
    problems = error.problems if isinstance(error, g.LoadError) else ()
    where = re.compile(r"\b(line|row|byte|column) \d")
    if problems:
        return all(p.path or where.search(p.message) for p in problems)
    return bool(error.field) or bool(where.search(str(error)))


def run_document(data: bytes, fmt: g.Format) -> Outcome:
    """Load *data* as a file of format *fmt*, as :func:`govplan.load` does."""
    start = time.perf_counter()
    try:
        document = g.loads(decode_bytes(data, source="case").text, fmt, source="case")
    except g.GovplanError as error:
        outcome = Outcome("refused", located=_located(error), detail=str(error)[:300])
    except Exception as error:
        outcome = Outcome("raw", detail=_describe(error))
    else:
        outcome = Outcome("accepted", silent=silent_accepts(data, fmt, document))
    outcome.seconds = time.perf_counter() - start
    return outcome


def run_ledger(data: bytes, folder: Path) -> Outcome:
    """Read *data* as a CSV ledger against the education bureau's plan."""
    path = folder / "ledger.csv"
    path.write_bytes(data)
    start = time.perf_counter()
    try:
        g.read_ledger(path, ledger_plan().indicators)
    except g.GovplanError as error:
        outcome = Outcome("refused", located=_located(error), detail=str(error)[:300])
    except Exception as error:
        outcome = Outcome("raw", detail=_describe(error))
    else:
        outcome = Outcome("accepted", silent=_duplicate_columns(data))
    outcome.seconds = time.perf_counter() - start
    return outcome


def _duplicate_columns(data: bytes) -> list[str]:
    try:
        header = decode_bytes(data).text.splitlines()[0].split(",")
    except (g.LoadError, IndexError):
        return []
    names = [name.strip() for name in header if name.strip()]
    return ["a column given twice"] if len(set(names)) != len(names) else []


def _describe(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__name__} at {where}: {str(error)[:200]}"


def silent_accepts(data: bytes, fmt: g.Format, document: object) -> list[str]:
    """What an accepted document should have been refused for."""
    found = []
    text = decode_bytes(data).text
    if _has_duplicate_key(text, fmt):
        found.append("a key given twice")
    if _has_duplicate_id(document):
        found.append("two records with one id in one list")
    return found


def _has_duplicate_key(text: str, fmt: g.Format) -> bool:
    if fmt == "json":
        twice = False

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            nonlocal twice
            twice = twice or len({key for key, _ in items}) != len(items)
            return dict(items)

        with contextlib.suppress(ValueError, RecursionError):
            json.loads(text, object_pairs_hook=pairs)
        return twice
    if fmt == "toml":
        return False  # the TOML parser refuses a key given twice itself
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return False
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"]
            if any(not isinstance(k, str) for k in keys):
                continue
            if len(set(keys)) != len(keys):
                return True
            stack.extend(v for _, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


def _has_duplicate_id(value: object) -> bool:
    """Two records with one id in one tuple, found independently of the loader."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            ids = [getattr(x, "id", None) for x in item if attrs.has(type(x))]
            ids = [i for i in ids if i is not None]
            if len(set(ids)) != len(ids):
                return True
            stack.extend(item)
        elif attrs.has(type(item)) and type(item).__module__.startswith("govplan.model"):
            stack.extend(getattr(item, f.name) for f in attrs.fields(type(item)))  # type: ignore[arg-type]
    return False


# --- command lines -----------------------------------------------------------------------

_SUBCOMMANDS = ("validate", "check", "audit", "report", "schema")
_ODD_ARGUMENTS = (
    "--as-of", "2011-13-45", "--as-of", "", "--lang", "fr", "--format", "xml", "--results",
    "--rules", "--out", "-", "--", "-x", "\udcff", "长" * 300, "2011-06-30", "--help",
)  # fmt: skip


def command_line(rng: random.Random, files: list[Path], folder: Path) -> list[str]:
    """A random command line over *files* (hostile inputs) and odd paths."""
    paths = [*map(str, files), str(folder), str(folder / "missing.yaml"),
             str(folder / "nodir" / "r.html"), str(folder / ("长" * 300 + ".yaml"))]  # fmt: skip
    plan = str(EXAMPLES / "education-bureau" / "plan-2011.yaml")
    command = rng.choice(_SUBCOMMANDS)
    argv = [command]
    if command == "schema":
        argv += rng.choice([[], ["plan"], ["budget"], [rng.choice(paths)]])
    elif command == "validate":
        argv += rng.sample(paths, rng.randrange(1, 3))
    else:
        argv.append(rng.choice([plan, rng.choice(paths)]))
        if command in ("check", "report") and rng.random() < 0.6:
            argv += ["--results", rng.choice(paths)]
        if command == "report":
            argv += [
                "--out",
                rng.choice([str(folder / "r.html"), str(folder / "r.md"), rng.choice(paths)]),
            ]
    for _ in range(rng.randrange(3)):
        argv.insert(rng.randrange(1, len(argv) + 1), rng.choice(_ODD_ARGUMENTS))
    return argv


def run_command(argv: list[str]) -> Outcome:
    """Run the command line in-process; 3, a traceback or a raw exception is a defect."""
    from govplan.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 2
    except Exception as error:
        return Outcome("raw", detail=_describe(error), seconds=time.perf_counter() - start)
    seconds = time.perf_counter() - start
    said = out.getvalue() + err.getvalue()
    if "Traceback" in said or status not in (0, 1, 2):
        return Outcome("raw", detail=f"exit {status}: {said[-300:]}", seconds=seconds)
    kind = "refused" if status == 2 else "accepted"
    return Outcome(kind, located=status == 2, seconds=seconds)


# --- the outputs of other parts, checked at the end ----------------------------------------

MARKUP = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def output_findings(folder: Path) -> dict[str, str]:
    """Whether document text reaches Markdown, HTML and CSV output unescaped."""
    plan = ledger_plan()
    hostile = attrs.evolve(plan, title=f"{MARKUP[0]} 计划 {MARKUP[1]}")
    evaluation = g.evaluate(hostile, [])
    findings = {}
    markdown = g.render_markdown(evaluation, hostile)
    findings["markdown"] = "unescaped markup" if any(m in markdown for m in MARKUP) else "escaped"
    html = g.render_html(evaluation, hostile)
    findings["html"] = "unescaped markup" if any(m in html for m in MARKUP) else "escaped"
    findings["csv"] = _csv_formula_finding(plan, folder)
    return findings


def _csv_formula_finding(plan: Any, folder: Path) -> str:
    from govplan.cli import main as cli

    if "template" not in cli._COMMANDS:
        return "no CSV writer in this version to check"
    indicators = tuple(attrs.evolve(i, name=f'=HYPERLINK("x","{i.name}")') for i in plan.indicators)
    source = folder / "formula-plan.yaml"
    g.dump(attrs.evolve(plan, indicators=indicators), source)
    target = folder / "template.csv"
    status = run_command(["template", str(source), "--out", str(target)])
    if status.kind == "raw" or not target.exists():
        return f"template did not write a CSV ({status.detail[:100]})"
    cells = [
        cell
        for line in decode_bytes(target.read_bytes()).text.splitlines()
        for cell in line.split(",")
    ]
    formulas = [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    return f"{len(formulas)} cells start with a formula sign" if formulas else "neutralised"
