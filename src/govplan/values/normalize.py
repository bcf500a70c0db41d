"""Normalising wording before it is read, keeping where every character came from.

Real reports write 萬 and 億, full-width digits, ℅ for %, the ratio sign ︰,
spaces or thin spaces inside numbers and thousands separators.  :func:`normalize`
folds these in one linear pass; every change replaces one character by one
character or deletes one, so each character of the result points back at its
position in the original text and a span found in the normalised text maps back
to the words as written.

Traditional characters are folded by a small table limited to numerals, units
and the words the statement reader looks for (a test holds every entry equal to
OpenCC's ``t2s`` conversion).  A general converter changes whole phrases and
may change their length, which would lose the spans; the words outside the
table are kept as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import attrs

__all__ = ["TRADITIONAL_TO_SIMPLIFIED", "NormalizedText", "normalize"]

_TRADITIONAL = (
    # numerals and multipliers
    "萬万 億亿 兩两 貳贰 參参 陸陆 點点 負负 幾几 餘余 數数 "
    # units and measure words
    "個个 噸吨 畝亩 頃顷 釐厘 裡里 臺台 輛辆 張张 冊册 間间 項项 處处 戶户 條条 團团 "
    "場场 棟栋 門门 節节 時时 標标 準准 級级 歲岁 週周 筆笔 隻只 頭头 盞盏 車车 "
    "單单 號号 層层 圓圆 錢钱 電电 "
    # the words statements are read by
    "內内 達达 長长 發发 無无 沒没 預预 計计 確确 爭争 約约 過过 於于 較较 與与 "
    "動动 實实 現现 佔占 強强 陣阵 穩稳 維维 連连 續续 為为 際际 減减 滿满 獲获 "
    "國国 區区 縣县 鎮镇 鄉乡 將将 階阶 躍跃 邁迈 開开 後后 補补 壓压 嚴严 問问 "
    "題题 裏里 雙双 億亿 番番 翻翻 升升 漲涨 檔档 線线 億亿 總总 擴扩 縮缩 產产 "
    "績绩 業业 務务 醫医 療疗 衛卫 學学 齡龄 貧贫 災灾 險险 養养 鐵铁 橋桥 輸输"
)
TRADITIONAL_TO_SIMPLIFIED: dict[str, str] = {
    pair[0]: pair[1] for pair in _TRADITIONAL.split() if pair[0] != pair[1]
}
"""Traditional forms of numerals, units and statement words, and their simplified forms."""

_FOLD = dict(TRADITIONAL_TO_SIMPLIFIED)
_FOLD.update(
    zip(
        "０１２３４５６７８９．＋－−％（）［］～℅︰：／",
        "0123456789.+--%()[]~%::/",
        strict=True,
    )
)
_TABLE = str.maketrans(_FOLD)

_SPACE = " \t\u00a0\u2009\u202f\u2002\u2003\u2005\u2006\u3000"
# Runs of space; those touching a digit (1 436, 95 %, 增长 8%) are dropped.
_SPACE_RUN = re.compile(rf"[{_SPACE}]++")
# A thousands separator: groups of exactly three digits after one to three.
_THOUSANDS = re.compile(r"(?<![-+0-9.,，(\[])[0-9]{1,3}+(?:[,，][0-9]{3})++(?![0-9]|[,，][0-9])")


_DIGITS = frozenset("0123456789")


@attrs.frozen(kw_only=True)
class NormalizedText:
    """Text after :func:`normalize`, with the original position of every character.

    Only deletions change positions, so the mapping is kept as breakpoints:
    from normalised index ``starts[k]`` on, characters sit ``shifts[k]``
    places further right in the original.

    Attributes:
        text: The normalised text.
        original: The text as written.

    """

    text: str
    original: str
    starts: tuple[int, ...] = attrs.field(default=(), repr=False)
    shifts: tuple[int, ...] = attrs.field(default=(), repr=False)

    def position(self, index: int) -> int:
        """The index in :attr:`original` of ``text[index]`` (``len(original)`` at the end)."""
        if index >= len(self.text):
            return len(self.original)
        k = bisect_right(self.starts, index) - 1
        return index + (self.shifts[k] if k >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if end <= start:
            at = self.position(start)
            return at, at
        return self.position(start), self.position(end - 1) + 1


def normalize(text: str) -> NormalizedText:
    """Fold the forms numbers take in real reports, keeping each character's origin.

    >>> normalize("約１２，６００萬元").text
    '约12600万元'
    >>> normalize("增長 8.5 ℅").text
    '增长8.5%'
    """
    folded = text.translate(_TABLE)
    drops: list[tuple[int, int]] = []
    for match in _SPACE_RUN.finditer(folded):
        start, end = match.span()
        if folded[start - 1 : start] in _DIGITS or folded[end : end + 1] in _DIGITS:
            drops.append((start, end))
    for match in _THOUSANDS.finditer(folded):
        drops.extend(
            (match.start() + i, match.start() + i + 1)
            for i, ch in enumerate(match.group())
            if ch in ",，"
        )
    if not drops:
        return NormalizedText(text=folded, original=text)
    drops.sort()
    pieces: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    kept_until, dropped = 0, 0
    for start, end in drops:
        pieces.append(folded[kept_until:start])
        dropped += end - start
        starts.append(start - dropped + (end - start))
        shifts.append(dropped)
        kept_until = end
    pieces.append(folded[kept_until:])
    return NormalizedText(
        text="".join(pieces), original=text, starts=tuple(starts), shifts=tuple(shifts)
    )
