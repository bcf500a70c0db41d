"""The units govplan knows out of the box: what statistics yearbooks and work reports use.

Each row is (symbol, dimension, factor to the dimension's base unit, English
name, aliases).  Factors are exact rationals.  A counting word is its own
dimension unless two words count the same thing (人, 名 and 位 all count
persons).  Rates per 100, 1 000, 10 000 and 100 000 are one dimension; their
differences (个百分点, 个千分点 …) another.  Any registered unit may be scaled by
a leading 十 / 百 / 千 / 万 / 亿 (万吨, 十万亩), and two may be divided (元/人,
微克/立方米).
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["DEFAULT_TABLE", "MULTIPLIERS"]

_WAN = 10_000
_YI = 100_000_000

MULTIPLIERS: dict[str, int] = {"十": 10, "百": 100, "千": 1000, "万": _WAN, "亿": _YI}
"""Words that scale any unit written after them (万人 is 10 000 persons)."""

Row = tuple[str, str, Fraction | int, str, tuple[str, ...]]

_RATES: tuple[Row, ...] = (
    ("", "number", 1, "", ()),
    ("%", "rate", 1, "percent", ("％", "℅")),
    ("‰", "rate", Fraction(1, 10), "per mille", ()),
    ("‱", "rate", Fraction(1, 100), "per ten thousand", ()),
    ("/10万", "rate", Fraction(1, 1000), "per 100,000", ("/十万", "/100000", "/10万人")),
    ("个百分点", "rate-difference", 1, "pp", ("百分点", "pp")),
    ("个千分点", "rate-difference", Fraction(1, 10), "per-mille points", ("千分点",)),
    ("个万分点", "rate-difference", Fraction(1, 100), "per-ten-thousand points", ("万分点",)),
    ("个十万分点", "rate-difference", Fraction(1, 1000), "per-100,000 points", ()),
    ("倍", "ratio", 1, "times", ()),
)

_MONEY: tuple[Row, ...] = (
    ("元", "money:CNY", 1, "yuan", ("人民币", "元人民币")),
    ("角", "money:CNY", Fraction(1, 10), "jiao", ()),
    ("万元", "money:CNY", _WAN, "10,000 yuan", ("万人民币",)),
    ("亿元", "money:CNY", _YI, "100 million yuan", ()),
    ("美元", "money:USD", 1, "US dollars", ("美金",)),
    ("欧元", "money:EUR", 1, "euros", ()),
    ("港元", "money:HKD", 1, "Hong Kong dollars", ("港币",)),
)

_MEASURES: tuple[Row, ...] = (
    ("㎡", "area", 1, "square metres", ("平方米", "m²", "m2", "平米")),
    ("亩", "area", Fraction(2000, 3), "mu", ()),
    ("公顷", "area", 10_000, "hectares", ("ha",)),
    ("平方公里", "area", 1_000_000, "square kilometres", ("平方千米", "km²", "km2")),
    ("m", "length", 1, "metres", ("米",)),
    ("km", "length", 1000, "kilometres", ("公里", "千米")),
    ("cm", "length", Fraction(1, 100), "centimetres", ("厘米",)),
    ("mm", "length", Fraction(1, 1000), "millimetres", ("毫米",)),
    ("m³", "volume", 1, "cubic metres", ("立方米", "立方", "方", "m3")),
    ("L", "volume", Fraction(1, 1000), "litres", ("升",)),
    ("mL", "volume", Fraction(1, 1_000_000), "millilitres", ("毫升",)),
    ("g", "mass", 1, "grams", ("克",)),
    ("kg", "mass", 1000, "kilograms", ("公斤", "千克")),
    ("斤", "mass", 500, "jin", ()),
    ("t", "mass", 1_000_000, "tonnes", ("吨",)),
    ("mg", "mass", Fraction(1, 1000), "milligrams", ("毫克",)),
    ("μg", "mass", Fraction(1, 1_000_000), "micrograms", ("微克", "ug")),
    ("kWh", "energy:electric", 1, "kilowatt-hours", ("千瓦时", "度", "千瓦·时")),
    ("tce", "energy:coal-equivalent", 1, "tonnes of standard coal", ("吨标准煤", "吨标煤")),
    ("kgce", "energy:coal-equivalent", Fraction(1, 1000), "kg of standard coal",
     ("千克标准煤", "公斤标准煤")),
    ("kW", "power", 1, "kilowatts", ("千瓦",)),
    ("MW", "power", 1000, "megawatts", ("兆瓦",)),
    ("分钟", "duration", 1, "minutes", ()),
    ("小时", "duration", 60, "hours", ("h", "个小时")),
    ("天", "duration", 1440, "days", ("日",)),
    ("周", "duration", 10080, "weeks", ("个星期", "星期")),
    ("工作日", "duration:working-day", 1, "working days", ("个工作日",)),
    ("年", "duration:year", 1, "years", ()),
    ("个月", "duration:year", Fraction(1, 12), "months", ()),
    ("岁", "age", 1, "years of age", ("周岁",)),
    ("分", "score", 1, "points", ()),
    ("名次", "rank", 1, "rank", ("位次",)),
)  # fmt: skip

# Counting words: each counts its own kind of thing.
_COUNTS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("人", "person", "persons", ()),
    ("名", "person", "persons", ()),
    ("位", "person", "persons", ()),
    ("人次", "person-time", "person-times", ()),
    ("人日", "person-day", "person-days", ("人天", "个人日")),
    ("天次", "day-time", "day-times", ()),
    ("户", "household", "households", ()),
    ("户次", "household-time", "household-times", ()),
    ("家", "enterprise", "enterprises", ()),
    ("所", "institution", "schools", ()),
    ("个", "item", "items", ()),
    ("件", "case", "cases", ()),
    ("宗", "case-file", "case files", ()),
    ("例", "medical-case", "cases", ()),
    ("起", "incident", "incidents", ()),
    ("次", "time", "times", ()),
    ("期", "session", "sessions", ()),
    ("场", "event", "events", ()),
    ("场次", "event-time", "event-times", ()),
    ("届", "edition", "editions", ()),
    ("轮", "round", "rounds", ()),
    ("批", "batch", "batches", ()),
    ("批次", "batch-time", "batch-times", ()),
    ("篇", "article", "articles", ()),
    ("篇次", "piece-time", "piece-times", ()),
    ("堂", "lesson", "lessons", ("堂课",)),
    ("节", "class-period", "class periods", ("节课",)),
    ("课时", "class-hour", "class hours", ()),
    ("学时", "study-hour", "study hours", ()),
    ("门", "course", "courses", ("门课程",)),
    ("瓶", "bottle", "bottles", ()),
    ("张", "sheet", "sheets", ()),
    ("部", "device", "devices", ()),
    ("台", "machine", "machines", ()),
    ("台次", "machine-time", "machine-times", ()),
    ("台套", "machine-set", "machine sets", ()),
    ("套", "set", "sets", ()),
    ("辆", "vehicle", "vehicles", ()),
    ("辆次", "vehicle-time", "vehicle-times", ("车次",)),
    ("架次", "sortie", "sorties", ()),
    ("艘", "vessel", "vessels", ()),
    ("艘次", "vessel-time", "vessel-times", ()),
    ("座", "structure", "structures", ()),
    ("栋", "building", "buildings", ("幢",)),
    ("间", "room", "rooms", ()),
    ("株", "plant", "plants", ()),
    ("棵", "tree", "trees", ()),
    ("册", "volume", "volumes", ()),
    ("本", "book", "books", ()),
    ("支", "stick", "sticks", ()),
    ("口", "pond", "ponds", ()),
    ("份", "copy", "copies", ()),
    ("条", "entry", "entries", ()),
    ("项", "item-of-work", "items of work", ()),
    ("处", "spot", "spots", ()),
    ("块", "plot", "plots", ()),
    ("盏", "lamp", "lamps", ()),
    ("头", "head", "head of livestock", ()),
    ("只", "animal", "animals", ()),
    ("羽", "bird", "birds", ()),
    ("村", "village", "villages", ()),
    ("床", "bed", "beds", ("张床位", "个床位", "床位")),
)


def _table() -> tuple[Row, ...]:
    counts = tuple(
        (symbol, f"count:{thing}", 1, name, aliases) for symbol, thing, name, aliases in _COUNTS
    )
    return (*_RATES, *_MONEY, *_MEASURES, *counts)


DEFAULT_TABLE: tuple[Row, ...] = _table()
"""Every default unit as (symbol, dimension, factor, English name, aliases)."""
