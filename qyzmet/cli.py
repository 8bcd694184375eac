"""The ``qyzmet`` console script: a thin front over the project's management commands.

``qyzmet deadline 2026-03-20 --working-days 5`` is ``manage.py deadline ...``. A command
whose name has a hyphen is the management command with an underscore (``qyzmet psc-cycle
2026`` is ``manage.py psc_cycle 2026``).
"""

from __future__ import annotations

import os
import sys

# Commands spelled with a hyphen on the command line (Python modules cannot be).
ALIASES = {"psc-cycle": "psc_cycle"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    execute_from_command_line(["qyzmet", *args])


if __name__ == "__main__":
    main()
