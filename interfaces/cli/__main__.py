"""``python -m interfaces.cli``: the same program as ``dualtrack``."""

import sys

from interfaces.cli import main

sys.exit(main())
