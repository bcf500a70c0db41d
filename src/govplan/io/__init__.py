"""Input and output: the converter, file formats, JSON Schema and ledgers."""
