"""Query executors: the compiled check table run as one relational expression.

:mod:`.relational` holds the expression (DuckDB SQL, transpiled by sqlglot for
Spark); :mod:`.duckdb` and :mod:`.spark` run it; :mod:`.results` wraps the
result columns in an evaluation that builds verdicts only when read.
"""
