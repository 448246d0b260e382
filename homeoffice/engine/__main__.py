"""`python -m homeoffice.engine form8829|compute FILE.json`: see homeoffice/engine/cli.py."""

import sys

from homeoffice.engine.cli import main

sys.exit(main())
