"""``python -m govplan``: the command line."""

import sys

from .cli.main import main

sys.exit(main())
