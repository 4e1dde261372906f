"""Apply migrations at container start, one container at a time.

With several web replicas (`docker compose up --scale web=3`) every container
starts with this; a PostgreSQL advisory lock makes the others wait until the
first has finished, after which they find nothing left to do.
"""

import sys
from pathlib import Path

# Run as `python docker/migrate.py`: the project folder is not on the path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django
from django.core.management import call_command
from django.db import connection

MIGRATION_LOCK = 7_242_001  # any constant number, the same in every container

django.setup()
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        call_command("migrate", interactive=False)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])
else:
    call_command("migrate", interactive=False)
