"""REST v1 operations of the `quality` app. Thin: each operation calls a service or selector."""

from ninja import Router

router = Router(tags=["quality"])
