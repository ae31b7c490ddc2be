"""`python -m extract`: the command line (see `cli`)."""

import sys

from extract.cli import main

if __name__ == "__main__":  # worker processes import this module too: only run when executed
    sys.exit(main())
