"""``python -m custpolicy``: the command line of [`custpolicy.cli.main`][]."""

import sys

from custpolicy.cli.main import main

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
