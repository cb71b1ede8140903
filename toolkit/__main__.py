"""Entry point for ``python -m toolkit``."""

import sys

from .cli import main

sys.exit(main())
