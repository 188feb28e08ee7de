"""The ``regiekamer`` console script: Django's manage.py, usable from any directory."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiekamer.conf.settings")
    if sys.argv[1:2] == ["demo"]:
        # The demo runs in demo mode whatever the environment says: embedded SQLite, plain HTTP, insecure key.
        os.environ["REGIEKAMER_DEMO"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
