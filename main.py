"""Starts the desk application (same as running `checkin`)."""

import sys

from checkin.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
