"""``python -m govplan``: the command line."""

import sys

from ._cli import main

sys.exit(main())
