"""Sphinx configuration for the govplan documentation."""

from __future__ import annotations

import os

import govplan

project = "govplan"
author = "The govplan developers"
copyright = "2026, the govplan developers"
release = govplan.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "myst_parser",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
language = "en"

html_theme = "furo"
html_title = f"govplan {release}"
html_static_path = ["_static"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

# The inventories live on the network; the build machines have none.  Set
# GOVPLAN_DOCS_INTERSPHINX=1 to link to Python, attrs, cattrs and pendulum.
intersphinx_mapping = (
    {
        "python": ("https://docs.python.org/3", None),
        "attrs": ("https://www.attrs.org/en/stable/", None),
        "cattrs": ("https://catt.rs/en/stable/", None),
        "pendulum": ("https://pendulum.eustace.io/docs/", None),
    }
    if os.environ.get("GOVPLAN_DOCS_INTERSPHINX")
    else {}
)
myst_heading_anchors = 2
