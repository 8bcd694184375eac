"""The ``qyzmet`` console script: a thin front over the project's management commands.

``qyzmet deadline 2026-03-20 --working-days 5`` is ``manage.py deadline ...``; a hyphenated
name is the command with underscores (``qyzmet apiclient-create`` is ``apiclient_create``).
"""

from __future__ import annotations

import os
import sys

# Commands spelled with a hyphen on the command line (Python modules cannot be).


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["qyzmet", *args])


if __name__ == "__main__":
    main()
