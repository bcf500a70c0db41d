"""The engine: check tables, rules, verdicts, their wording, and scorecards."""
