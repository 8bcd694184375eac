"""Take a full-page PNG of a Qyzmet page with Playwright and Debian's chromium.

It starts nothing itself: run a server first, e.g.::

    DATABASE_URL=sqlite:////tmp/shot.sqlite3 .venv/bin/qyzmet migrate
    DATABASE_URL=sqlite:////tmp/shot.sqlite3 .venv/bin/qyzmet demo_data
    DATABASE_URL=sqlite:////tmp/shot.sqlite3 .venv/bin/qyzmet runserver 127.0.0.1:8765 &

then::

    .venv/bin/python tools/screenshot.py http://127.0.0.1:8765 docs/screenshot-landing.png
    .venv/bin/python tools/screenshot.py http://127.0.0.1:8765 docs/screenshot-staff.png \\
        --path /staff/ --language ru --login officer.minjust --password qyzmet-demo

Options: ``--path`` (default ``/``), ``--language`` kk|ru|en (default kk; sent as the
``qyzmet_language`` cookie), ``--width`` (default 1280), ``--login``/``--password`` to sign in
through ``/login/`` first, ``--chromium`` (default ``/usr/bin/chromium``).
"""

from __future__ import annotations

import argparse
import sys
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8765")
    parser.add_argument("output", help="PNG file to write")
    parser.add_argument("--path", default="/")
    parser.add_argument("--language", default="kk", choices=["kk", "ru", "en"])
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--login", default="")
    parser.add_argument("--password", default="qyzmet-demo")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)

    base = args.base_url.rstrip("/")
    host = urlsplit(base).hostname or "127.0.0.1"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": args.width, "height": 800}, locale="kk-KZ")
        context.add_cookies(
            [{"name": "qyzmet_language", "value": args.language, "domain": host, "path": "/"}]
        )
        page = context.new_page()
        if args.login:
            page.goto(f"{base}/login/")
            page.fill("#id_username", args.login)
            page.fill("#id_password", args.password)
            page.click("form.form button[type=submit]")
            page.wait_for_load_state("load")
            # sign-in activates the user's own language; put the requested one back
            context.add_cookies(
                [{"name": "qyzmet_language", "value": args.language, "domain": host, "path": "/"}]
            )
        response = page.goto(f"{base}{args.path}")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=args.output, full_page=True)
        browser.close()
    status = response.status if response is not None else 0
    print(f"{args.output}: {base}{args.path} [{args.language}] HTTP {status}")
    return 0 if status and status < 400 else 1


if __name__ == "__main__":
    sys.exit(main())
