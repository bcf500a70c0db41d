"""Exact quotients in SQL: the shown numbers, digit-exact, in both query engines.

Only the shown numbers divide — progress, and gaps and observed values in the
threshold's unit.  Each quotient ``X_n / X_d`` (``X_d > 0``) is estimated in
floating point and corrected with exact decimal remainders, so every digit is
the exact rational's; it is kept whole when its decimal form ends within 12
places, else rounded half-to-even to 4 places, as the in-process engine does.
"""

from __future__ import annotations

__all__ = ["D0", "D6", "D12", "LAST_STAGE", "QUOTIENTS", "WHOLE_SHOWN", "quotient_stages"]

D0 = "DECIMAL(38, 0)"
D6 = "DECIMAL(38, 6)"
D12 = "DECIMAL(38, 12)"
_D0, _D12 = D0, D12

QUOTIENTS = ("pr", "gp", "ol", "oh", "il", "ih", "pc")
"""The quotients shown (``<name>_n / <name>_d``): progress, gap, observed ends, the
interim result's ends, and the pro-rata pace."""
WHOLE_SHOWN = frozenset({"gp", "ol", "oh", "il", "ih", "pc"})
"""Quotients shown as they are when their denominator is 1 (all but progress)."""
_STAGES = 4
LAST_STAGE = f"quotient_{_STAGES}"
"""The name of the last stage (``<prefix>quotient_4_done`` holds the quotients)."""


def quotient_stages(source: str, names: tuple[str, ...], prefix: str = "") -> str:
    """CTEs turning each ``X_n / X_d`` (X_d > 0) into ``X_exact`` and ``X_r4``.

    ``X_exact`` is the quotient when its decimal form ends within 12 places
    (else NULL); ``X_r4`` is it rounded half-to-even to 4 places.  The floor
    of ``X_n·10^p / X_d`` is estimated in floating point (cast to a decimal,
    as Spark's FLOOR would overflow a 64-bit integer), refined once with the
    exact decimal remainder and corrected by one, so every digit is the exact
    rational's.
    """
    stages: list[list[str]] = [[] for _ in range(_STAGES)]
    for x in names:
        # A whole quotient (denominator 1) needs no division: its stages stay NULL.
        skip = f"{x}_n IS NULL OR {x}_d IS NULL" + (f" OR {x}_d = 1" if x in WHOLE_SHOWN else "")
        if x == "pr":
            # Progress rounded in floating point is already right: only the rare
            # quotient near a rounding tie, or too large, takes the exact stages.
            skip += f" OR {x}_fast"
        # Progress is only ever rounded to 4 places: no 12-place pass for it.
        small = "FALSE" if x == "pr" else f"ABS({x}_n) < CAST(100000000000000 AS {_D12})"
        stages[0] += [
            f"CASE WHEN {skip} THEN NULL ELSE CAST({x}_n AS {_D12}) * CASE WHEN {small}"
            f" THEN CAST(1000000000000 AS {_D0}) ELSE CAST(10000 AS {_D0}) END END AS {x}_x",
            f"CASE WHEN {small} THEN CAST(100000000 AS {_D0}) ELSE CAST(1 AS {_D0}) END"
            f" AS {x}_shift",
            f"CASE WHEN {small} THEN CAST(0.00000001 AS DECIMAL(9, 8))"
            f" ELSE CAST(1 AS DECIMAL(9, 8)) END AS {x}_unshift",
        ]
        stages[1] += [
            f"CASE WHEN {x}_x IS NOT NULL THEN CAST(CAST({x}_x AS DOUBLE) / CAST({x}_d AS DOUBLE)"
            f" AS {_D0}) END AS {x}_q0"
        ]
        stages[2] += [
            f"CASE WHEN {x}_x IS NOT NULL THEN {x}_q0 + CAST(CAST({x}_x - {x}_q0 * {x}_d AS DOUBLE)"
            f" / CAST({x}_d AS DOUBLE) AS {_D0}) END AS {x}_q1"
        ]
        r1 = f"({x}_x - {x}_q1 * {x}_d)"
        stages[3] += [
            f"CASE WHEN {x}_x IS NULL THEN NULL WHEN {r1} < 0 THEN {x}_q1 - 1"
            f" WHEN {r1} >= {x}_d THEN {x}_q1 + 1 ELSE {x}_q1 END AS {x}_q"
        ]
    ctes = []
    previous = source
    if "pr" in names:
        f = "pr_f"
        fast = (
            f"pr_f IS NOT NULL AND ABS({f}) < 1000000000 AND ABS({f} - FLOOR({f}) - 0.5) > 0.000001"
        )
        ctes.append(
            f"{prefix}quotient_0a AS (SELECT *, CASE WHEN pr_n IS NOT NULL AND pr_d > 0 THEN"
            f" CAST(pr_n AS DOUBLE) * 10000 / CAST(pr_d AS DOUBLE) END AS pr_f FROM {previous})"
        )
        ctes.append(
            f"{prefix}quotient_0 AS (SELECT *, COALESCE({fast}, FALSE) AS pr_fast"
            f" FROM {prefix}quotient_0a)"
        )
        previous = f"{prefix}quotient_0"
    for number, items in enumerate(stages, start=1):
        name = f"{prefix}quotient_{number}"
        ctes.append(f"{name} AS (SELECT *, {', '.join(items)} FROM {previous})")
        previous = name
    final = []
    for x in names:
        r = f"({x}_x - {x}_q * {x}_d)"
        q4 = f"CAST(FLOOR({x}_q * {x}_unshift) AS {_D0})"
        m = f"({x}_q - {q4} * {x}_shift)"
        twice = f"2 * ({m} * {x}_d + {r})"
        half = f"{x}_shift * {x}_d"
        up = f"({twice} > {half} OR ({twice} = {half} AND ABS({q4} % 2) = 1))"
        final += [
            f"CASE WHEN {x}_d IS NULL OR {x}_n IS NULL THEN NULL"
            + (f" WHEN {x}_d = 1 THEN CAST({x}_n AS {_D12})" if x in WHOLE_SHOWN else "")
            + f" WHEN {x}_shift > 1 AND {r} = 0"
            f" THEN CAST({x}_q * CAST(0.000000000001 AS DECIMAL(13, 12)) AS {_D12}) END"
            f" AS {x}_exact",
            "CASE"
            + (
                f" WHEN {x}_fast THEN CAST(CAST(ROUND({x}_f) AS {_D0})"
                f" * CAST(0.0001 AS DECIMAL(5, 4)) AS {_D12})"
                if x == "pr"
                else ""
            )
            + f" WHEN {x}_q IS NOT NULL THEN CAST((CASE WHEN {up} THEN {q4} + 1 ELSE {q4} END)"
            f" * CAST(0.0001 AS DECIMAL(5, 4)) AS {_D12}) END AS {x}_r4",
        ]
    ctes.append(f"{prefix}{LAST_STAGE}_done AS (SELECT *, {', '.join(final)} FROM {previous})")
    return ",\n".join(ctes)
