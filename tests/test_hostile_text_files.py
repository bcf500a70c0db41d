"""Text files in any encoding officials use; every other byte-level problem a LoadError."""

from __future__ import annotations

from pathlib import Path

import pytest

import govplan as g
from govplan.io.limits import Limits
from govplan.io.text_files import decode_bytes, read_text

TEXT = "document: plan\ntitle: 娄星区教育局2011年工作要点 —— “普九”，㎡\n"


@pytest.mark.parametrize(
    ("codec", "found"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16-le"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-32", "utf-32-le"),
    ],
)
def test_supported_encodings_are_detected(tmp_path: Path, codec: str, found: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(TEXT.encode(codec))
    decoded = read_text(path)
    assert decoded.text == TEXT
    assert decoded.encoding == found
    assert decoded.source == str(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (TEXT.encode("utf-8")[:-3], "line 2, column 32 (byte 83): the file ends in the middle"),
        ("café au lait\n".encode("latin-1"), "line 1, column 4 (byte 4): the file is not UTF-8"),
        (b"PK\x03\x04\x14\x00", "is a ZIP archive"),
        (b"%PDF-1.4\n", "is a PDF file"),
        (b"\x89PNG\r\n\x1a\n", "is a PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file"),
        (b"abc\x00\x01\x02\xff", "line 1, column 4 (byte 4): the file is binary"),
        (b"\xff\xfea\x00b", "UTF-16-LE character: was it cut off"),
        (b"\xef\xbb\xbfab\xff", "is not valid UTF-8"),
    ],
)
def test_bytes_that_are_not_supported_text_are_named(data: bytes, message: str) -> None:
    with pytest.raises(g.LoadError) as caught:
        decode_bytes(data, source="plan.yaml")
    assert "in plan.yaml" in str(caught.value)
    assert message in str(caught.value)


def test_gb18030_is_accepted_only_when_it_reads_as_chinese() -> None:
    # Bytes that GB18030 can decode, but to rare characters: not a Chinese text.
    noise = bytes(range(0x81, 0xFF)) * 3
    with pytest.raises(g.LoadError, match="not UTF-8"):
        decode_bytes(noise, source="x.csv")


def test_file_system_problems_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(g.LoadError, match="it is a directory") as caught:
        read_text(tmp_path, what="plan file")
    assert str(tmp_path) in str(caught.value)
    with pytest.raises(g.LoadError, match="cannot read the ledger: no such file"):
        read_text(tmp_path / "absent.csv", what="ledger")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 2_000)
    with pytest.raises(g.LoadError, match=r"too large \(bytes\): 2,000 is over the limit of 1,000"):
        read_text(big, limits=Limits(document_size=1_000))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from govplan.io import text_files

    secret = tmp_path / "secret.yaml"
    secret.write_text("document: plan\n", encoding="utf-8")

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(secret))

    # Root may read any file: simulate the refusal the file system gives others.
    monkeypatch.setattr(text_files, "open", refuse, raising=False)
    with pytest.raises(g.LoadError, match="cannot read the plan: permission denied"):
        read_text(secret, what="plan")
