"""The command line over a corpus of broken inputs and odd paths: never a traceback.

Every subcommand is run on every broken input; the exit status keeps its
meaning (0 passes, 1 a binding target missed, 2 bad input or usage, 3 an
internal error), a refusal is one message naming the file, and nothing
prints a Python traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from govplan.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EDU = ROOT / "examples" / "education-bureau"
PLAN, RESULTS, REPORT = EDU / "plan-2011.yaml", EDU / "results-2011.yaml", EDU / "report-2010.yaml"
LAUGHS = "document: plan\n" + "".join(
    f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}" if n else "x"] * 10) + "]\n" for n in range(8)
)


def _corpus(folder: Path) -> dict[str, Path]:
    """Broken inputs, each a file (or a path) a user could give."""
    plan = PLAN.read_bytes()
    text = plan.decode("utf-8")
    files: dict[str, bytes] = {
        "truncated.yaml": plan[: len(plan) // 2 - 1],
        "cut-in-a-character.yaml": plan[: plan.index("教".encode()) + 1],
        "gbk.yaml": text.encode("gbk"),
        "utf16.yaml": text.encode("utf-16"),
        "latin1.yaml": "document: plan\nid: café\n".encode("latin-1") + bytes(range(0x80, 0xA0)),
        "binary.yaml": bytes(range(256)) * 4,
        "zip.yaml": b"PK\x03\x04" + bytes(200),
        "empty.yaml": b"",
        "null.yaml": b"null\n",
        "list.json": b"[1, 2]",
        "scalar.toml": b'x = "y"\n',
        "duplicate-key.yaml": text.replace("id: ", "id: x\nid: ", 1).encode("utf-8"),
        "duplicate-key.json": b'{"document": "plan", "id": "a", "id": "b"}',
        "deep.json": b'{"document": "plan", "x": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
        "deep.yaml": b"document: plan\nx: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        "deep.toml": b'document = "plan"\nx = ' + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        "laughs.yaml": LAUGHS.encode("utf-8"),
        "exponent.json": b'{"document": "rule_set", "id": "r", "location_warning_days": -1e999999}',
        "long-number.toml": b'document = "plan"\nx = ' + b"9" * 5_000 + b"\n",
        "infinity.yaml": b"document: rule_set\nid: r\nlocation_warning_days: .inf\n",
        "python-tag.yaml": b"document: plan\nid: !!python/object/apply:os.system ['true']\n",
        "nul-in-text.yaml": b"document: plan\nid: p\x00\n",
        "tabs.yaml": b"document: plan\n\tid: p\n",
        "unknown-kind.yaml": b"document: budget\n",
        "ledger.csv": "指标,期间,数值\njunior-dropout,2011,1%\n".encode("gbk"),
        "bad-ledger.csv": b'indicator,period,value\n"junior-dropout,2011,1%\n',
        "corrupt.xlsx": b"PK\x03\x04" + bytes(300),
        "plan.txt": text.encode("utf-8"),
    }
    paths = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    (folder / "directory.yaml").mkdir()
    paths["directory.yaml"] = folder / "directory.yaml"
    paths["missing.yaml"] = folder / "missing.yaml"
    paths["long-name.yaml"] = folder / ("长" * 300 + ".yaml")
    paths["under-a-file.yaml"] = folder / "plan.txt" / "plan.yaml"
    return paths


def _commands(path: Path, out: Path) -> list[list[str]]:
    name = str(path)
    return [
        ["validate", name],
        ["check", name],
        ["audit", name],
        ["report", name, "--out", str(out / "report.html")],
        ["check", str(PLAN), "--results", name],
        ["check", str(PLAN), "--rules", name],
    ]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's usage errors
        status = exit_.code if isinstance(exit_.code, int) else 2
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_every_subcommand_over_the_broken_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    failures = []
    runs = 0
    for path in corpus.values():
        for argv in _commands(path, tmp_path):
            status, out, err = run(argv, capsys)
            runs += 1
            if status not in (0, 1, 2) or "Traceback" in out + err:
                failures.append(f"{' '.join(argv)} -> {status}: {err[-300:]}")
            elif status == 2 and not (err.strip() or ("validate" in argv and out.strip())):
                failures.append(f"{' '.join(argv)} -> 2 without a message")
    assert runs >= 180
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "{tmp}/directory.yaml"], "it is a directory"),
        (["check", "{tmp}/missing.yaml"], "no such file"),
        (["check", "{tmp}/gbk.yaml", "--results", str(RESULTS), "--as-of", "2011-06-30"], ""),
        (["validate", "{tmp}/laughs.yaml"], "aliases (*name) expand to too many values"),
        (["validate", "{tmp}/duplicate-key.json"], "the key 'id' is given twice"),
        (["validate", "{tmp}/deep.toml"], "the nesting is too deep"),
        (["validate", "{tmp}/binary.yaml"], "is binary, not text"),
        (["validate", "{tmp}/cut-in-a-character.yaml"], "was it cut off (truncated)?"),
        (["validate", "{tmp}/zip.yaml"], "is a ZIP archive"),
        (["validate", "{tmp}/latin1.yaml"], "not UTF-8"),
        (
            ["report", str(PLAN), "--results", str(RESULTS), "--out", "{tmp}/nodir/r.html"],
            "{tmp}/nodir/r.html",
        ),
        (
            ["report", str(PLAN), "--results", str(RESULTS), "--out", "{tmp}/plan.txt/r.md"],
            "not a directory",
        ),
        (["schema", "budget"], "unknown kind of document 'budget'"),
        (["check", str(PLAN), "--as-of", "2011-13-45"], "2011-13-45"),
    ],
)
def test_odd_inputs_and_paths_are_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    _corpus(tmp_path)
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in argv]
    status, out, err = run(argv, capsys)
    assert "Traceback" not in err
    if argv[1].endswith("gbk.yaml"):
        assert status == 0, err  # GBK is read like UTF-8
        return
    assert status == 2, (out, err)
    assert message.replace("{tmp}", str(tmp_path)) in out + err


def test_an_internal_error_is_one_line_with_where_to_report_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from govplan.cli import main as cli

    def broken(*_: object, **__: object) -> int:
        raise AttributeError("'NoneType' object has no attribute 'verdicts'")

    monkeypatch.setitem(cli._COMMANDS, "schema", broken)
    status, _out, err = run(["schema"], capsys)
    assert status == 3
    assert err.count("\n") == 1
    assert err.startswith("govplan: internal error (AttributeError: 'NoneType' object has no")
    assert "this is a bug in govplan" in err
    assert cli.REPORT_TO in err
    assert "Traceback" not in err
    monkeypatch.setenv("GOVPLAN_TRACEBACK", "1")
    status, _out, err = run(["schema"], capsys)
    assert status == 3
    assert "Traceback" in err


def test_interrupt_and_closed_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from govplan.cli import main as cli

    def interrupted(*_: object, **__: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli._COMMANDS, "schema", interrupted)
    assert run(["schema"], capsys)[0] == 130


def _process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govplan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_as_a_process_a_broken_file_is_exit_two_without_a_traceback(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    for name in ("deep.json", "laughs.yaml", "directory.yaml", "binary.yaml"):
        run = _process("check", str(corpus[name]))
        assert run.returncode == 2, run.stderr
        assert "Traceback" not in run.stderr
        assert run.stderr.startswith("govplan: ")


def test_closing_the_output_early_is_quiet() -> None:
    command = [sys.executable, "-m", "govplan", "schema"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        errors = process.stderr.read().decode("utf-8")
        status = process.wait(timeout=60)
    assert "Traceback" not in errors
    assert status in (0, 141)


def test_a_read_only_output_directory_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import io
    import os

    out = tmp_path / "read-only" / "report.html"
    out.parent.mkdir()
    opened = io.open

    def refuse(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "w" in mode and str(os.fspath(file)).startswith(str(out.parent)):  # type: ignore[call-overload]
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(file))  # type: ignore[call-overload]
        return opened(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    # Root may write anywhere: simulate the refusal others get.
    monkeypatch.setattr(io, "open", refuse)
    status, _out, err = run(
        ["report", str(PLAN), "--results", str(RESULTS), "--out", str(out)], capsys
    )
    assert status == 2, err
    assert str(out) in err
    assert "permission denied" in err
    assert "Traceback" not in err
