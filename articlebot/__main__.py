"""`python -m articlebot ...`, the same as the `articlebot` command."""

import sys

from articlebot import main

sys.exit(main())
