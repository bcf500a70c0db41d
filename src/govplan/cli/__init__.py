"""The ``govplan`` command and its renderers."""
