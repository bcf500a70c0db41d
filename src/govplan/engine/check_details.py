"""What the sentence of one target check shows, gathered when it is explained."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pendulum

from ..model.targets import Basis
from ..values.quantities import Quantity
from .check_table import CompiledTarget
from .codes import ReasonCode
from .derivations import Derivation

__all__ = ["CheckDetails"]


@attrs.frozen(kw_only=True)
class CheckDetails:
    """Everything the sentence of one target check shows (built when it is explained)."""

    row: CompiledTarget
    reason: ReasonCode
    name_zh: str
    name_en: str
    due: pendulum.Date
    as_of: pendulum.Date | None
    observed: Quantity | None
    observed_derived: bool
    current: Quantity | None = None
    baseline: Quantity | None = None
    reference: Quantity | None = None
    pace: Quantity | None = None
    gap_low: Fraction | None = None
    gap_high: Fraction | None = None
    gap_unit: Quantity
    names: dict[str, str] = attrs.field(factory=dict)
    value_missing: bool = False
    derivation: Derivation | None = None
    counts_value: Quantity | None = None

    def with_levels(self, current: Quantity | None, other: Quantity | None) -> CheckDetails:
        """These details showing the level *current* and its baseline or reference *other*."""
        reference = self.row.target.basis is Basis.REFERENCE
        return attrs.evolve(
            self,
            current=current,
            baseline=None if reference else other,
            reference=other if reference else None,
        )

    def name_of(self, organisation: str) -> str:
        """An organisation's name, or its id when it has none."""
        return self.names.get(organisation, organisation)

    def missing(self, lang: str) -> str:
        """Which value a result lacks, in words."""
        target = self.row.target
        if self.value_missing or target.basis is Basis.LEVEL:
            return "结果缺少数值" if lang == "zh" else "the result has no value"
        if target.basis is Basis.REFERENCE:
            other = self.name_of(target.reference_scope or "")
            return f"缺少{other}的参照值" if lang == "zh" else f"the value for {other} is missing"
        assert target.baseline is not None
        if lang == "zh":
            from .wording import period_zh

            return f"缺少基期{period_zh(target.baseline)}的数值"
        return f"the baseline value for {target.baseline} is missing"
