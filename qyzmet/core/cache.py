"""The throttle counters' cache (ADR 0011): Django's database cache with an atomic ``incr``.

Django's ``DatabaseCache.incr`` is the generic ``get`` + ``set``: two workers that read the same
count both write count + 1 (a lost update lets a flood of parallel guesses through), and the
``set`` replaces the key's expiry with the default timeout (a lock could lift before its
window ends). Here ``incr`` locks the row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
serialises writers itself), adds ``delta`` and keeps the expiry. Everything else is Django's.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        cache_key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)  # type: ignore[attr-defined]
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = timezone.now().replace(microsecond=0)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')} FROM {table} "  # names quoted, values bound
                f"WHERE {quote('cache_key')} = %s AND {quote('expires')} > %s{lock}",
                [cache_key, connection.ops.adapt_datetimefield_value(now)],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode()))
            new_value = value + delta
            encoded = base64.b64encode(pickle.dumps(new_value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s",
                [encoded, cache_key],
            )
        return new_value
