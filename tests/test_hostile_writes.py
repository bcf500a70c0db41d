"""Writes that respect the file system: modes, links, missing folders, crashes."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import govplan as g

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "education-bureau" / "plan-2011.yaml"


@pytest.fixture(scope="module")
def plan() -> object:
    return g.load(PLAN)


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_follows_the_umask(tmp_path: Path, plan: object, umask_027: None) -> None:
    target = tmp_path / "plan.yaml"
    g.dump(plan, target)
    assert _mode(target) == 0o640


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o664, 0o444])
def test_an_existing_file_keeps_its_mode(tmp_path: Path, plan: object, mode: int) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(mode)
    g.dump(plan, target)
    assert _mode(target) == mode
    assert g.load(target) == plan


def test_a_symbolic_link_is_written_through(tmp_path: Path, plan: object) -> None:
    real = tmp_path / "data" / "plan.yaml"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "current.yaml"
    link.symlink_to(real)
    g.dump(plan, link)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert g.load(real) == plan
    assert sorted(p.name for p in real.parent.iterdir()) == ["plan.yaml"]


def test_a_dangling_symbolic_link_creates_its_target(tmp_path: Path, plan: object) -> None:
    link = tmp_path / "current.yaml"
    link.symlink_to(tmp_path / "new.yaml")
    g.dump(plan, link)
    assert link.is_symlink()
    assert g.load(tmp_path / "new.yaml") == plan


@pytest.mark.parametrize("where", ["missing/plan.yaml", "file.txt/plan.yaml"])
def test_a_missing_directory_is_a_write_error(tmp_path: Path, plan: object, where: str) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    target = tmp_path / where
    with pytest.raises(g.WriteError) as caught:
        g.dump(plan, target)
    assert isinstance(caught.value, OSError)
    assert str(target) in str(caught.value)
    assert "does not exist" in str(caught.value) or "is not a directory" in str(caught.value)


def test_a_refused_write_is_a_write_error(
    tmp_path: Path, plan: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    target = tmp_path / "plan.yaml"
    target.write_text("old\n", encoding="utf-8")

    def refuse(*_: object, **__: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    # Root may write anywhere: simulate a read-only directory.
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(g.WriteError, match=r"cannot write .*plan.yaml: permission denied"):
        g.dump(plan, target)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old\n"


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                           capture_output=True, text=True)  # fmt: skip
    return int(child.stdout)


def test_stale_temporaries_are_removed_on_the_next_write(tmp_path: Path, plan: object) -> None:
    target = tmp_path / "plan.yaml"
    stale = tmp_path / f".plan.yaml.{_dead_pid()}.0badf00d.govplan-tmp"
    live = tmp_path / f".plan.yaml.{os.getppid()}.0badf00d.govplan-tmp"
    other = tmp_path / f".other.yaml.{_dead_pid()}.0badf00d.govplan-tmp"
    mine = tmp_path / ".plan.yaml.notes"
    for path in (stale, live, other, mine):
        path.write_text("partial", encoding="utf-8")
    g.dump(plan, target)
    assert not stale.exists()
    assert live.exists()  # a writer that still runs
    assert other.exists()  # another file's
    assert mine.exists()  # not govplan's naming


_SLOW_WRITER = """
import os, sys, time
import govplan as g
plan = g.load(sys.argv[1])
def slow(fd):
    print("writing", flush=True)
    time.sleep(60)
os.fsync = slow
g.dump(plan, sys.argv[2], format="json")
"""


def test_a_killed_writer_leaves_the_old_file_and_the_next_write_cleans_up(
    tmp_path: Path, plan: object
) -> None:
    target = tmp_path / "plan.yaml"
    g.dump(plan, target)
    before = target.read_bytes()
    writer = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(PLAN), str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "writing\n"
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=30)
        if writer.stdout is not None:
            writer.stdout.close()
    assert target.read_bytes() == before
    left = [p.name for p in tmp_path.iterdir() if p.name != "plan.yaml"]
    assert len(left) == 1
    assert left[0].endswith(".govplan-tmp")
    g.dump(plan, target)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]
