from __future__ import annotations

from collections.abc import Iterator

import pytest

from qyzmet.notify.backends import MemoryBackend


@pytest.fixture(autouse=True)
def memory_backend() -> Iterator[type[MemoryBackend]]:
    MemoryBackend.reset()
    yield MemoryBackend
    MemoryBackend.reset()
