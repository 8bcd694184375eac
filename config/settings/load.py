"""Settings of the load and kill runs (issue 20.3-4, ``tools/load.py``): the test settings with
the local provider's idempotent ledger as the SMS and e-mail backend (``LedgerBackend``, under
``QYZMET_NOTIFY_FILE_DIR``), so every delivery is counted per outbox message."""

from config.settings.test import *  # noqa: F403

QYZMET_SMS_BACKEND = "qyzmet.notify.backends.LedgerBackend"
QYZMET_EMAIL_BACKEND = "qyzmet.notify.backends.LedgerBackend"
# A worker killed mid-pass leaves its claimed messages to the restarted one after this.
QYZMET_OUTBOX_LEASE_SECONDS = env.env_int("QYZMET_OUTBOX_LEASE_SECONDS", 10)  # noqa: F405
