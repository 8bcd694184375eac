"""Local development: embedded SQLite under var/, demo data, runserver on 127.0.0.1."""

from config.settings.base import *  # noqa: F403
