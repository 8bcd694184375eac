import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_is_postgresql_in_make_test():
    # `make test` runs on PostgreSQL 15 (README promise); SQLite is for `make run` only.
    assert connection.vendor == "postgresql"
