"""Executors: what runs the compiled check table.

:mod:`.in_process` is the in-process Python executor, the reference semantics.
The query executors run the same table as one relational expression:
:mod:`.relational` holds the expression (DuckDB SQL, transpiled by sqlglot for
Spark); :mod:`.duckdb` and :mod:`.spark` run it; :mod:`.results` wraps the
result columns in an evaluation that builds verdicts only when read.
"""
