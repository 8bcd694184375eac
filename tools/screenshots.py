"""Full-page PNG screenshots of the key pages, at 360 and 1280 px, in Kazakh and Russian
(``make screenshots``; written to ``docs/screenshots/<page>-<lang>-<width>.png``).

It needs only ``make venv`` and Debian's chromium: it builds a fresh SQLite database with the
demo data under ``var/screenshots/`` (``migrate``, ``demo_data``), starts the product on
``127.0.0.1:<port>`` (``runserver --noreload``, so static files are served), signs in through
``/login/`` as the demo users of docs/demo-users.md, takes the pictures and stops the server.

Pages: the landing page, the catalogue, a service page and the portal application (the
service of the citizen's first portal application), the citizen's application page, the
status page after a lookup, the officer's worklist, the 1414 console, the quality indicators
and the reception queue board.

Options: ``--out`` (default ``docs/screenshots``), ``--port`` (default 8765), ``--only``
(names of pages, comma-separated), ``--chromium`` (default ``$QYZMET_CHROMIUM`` or
``/usr/bin/chromium``), ``--keep-db`` (reuse the database of an earlier run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("kk", "ru")
WIDTHS = (360, 1280)
PASSWORD = "qyzmet-demo"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class Shot:
    name: str
    user: str  # "" for an anonymous visitor
    path: str
    status_lookup: tuple[str, str] | None = None  # (number, last four digits) typed into /status/


def _prepare_database(database: Path, *, keep: bool) -> None:
    if database.exists() and not keep:
        database.unlink()
    database.parent.mkdir(parents=True, exist_ok=True)
    if not database.exists():
        for command in (["migrate", "--noinput"], ["demo_data"]):
            print("qyzmet", *command, flush=True)
            subprocess.run([sys.executable, "-m", "qyzmet.cli", *command], check=True, env=_env(database))


def _env(database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="config.settings.local",
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        QYZMET_DEBUG="1",
    )
    return env


def _shots(database: Path) -> list[Shot]:
    """The key pages, with the ids and numbers of this demo database."""
    os.environ.update(
        {k: v for k, v in _env(database).items() if k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from qyzmet.delivery.enums import Channel
    from qyzmet.delivery.models import Application
    from qyzmet.reception.models import Hall

    mine = (
        Application.objects.filter(recipient_user__username="citizen", channel=Channel.EGOV_PORTAL)
        .exclude(service=None)
        .order_by("pk")
        .first()
    )
    if mine is None or mine.service is None:
        raise SystemExit("the demo data has no portal application of the citizen")
    code = mine.service.code
    hall = Hall.objects.order_by("code").first()
    shots = [
        Shot("landing", "", "/"),
        Shot("catalogue", "", "/registry/"),
        Shot("service", "", f"/registry/services/{code}/"),
        Shot("apply", "citizen", f"/delivery/apply/{code}/"),
        Shot("application", "citizen", f"/delivery/a/{mine.number}/"),
        Shot("status", "", f"/delivery/status/?number={mine.number}", (mine.number, mine.recipient_iin[-4:])),
        Shot("worklist", "officer.minjust", "/delivery/work/"),
        Shot("contactcentre", "operator.1414", "/contactcentre/"),
        Shot("quality", "inspector.adgs", "/quality/"),
    ]
    if hall is not None:
        shots.append(Shot("reception-queue", "reception.crc", f"/reception/board/{hall.code}/"))
    return shots


def _serve(database: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "qyzmet.cli", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=_env(database),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"the server did not start (exit {server.returncode})") from None
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not answer within a minute")


def _take(shots: list[Shot], base: str, out: Path, chromium: str) -> int:
    from playwright.sync_api import sync_playwright

    failures = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for user in dict.fromkeys(shot.user for shot in shots):
            context = browser.new_context(viewport={"width": WIDTHS[-1], "height": 900})
            context.set_default_timeout(20_000)
            page = context.new_page()
            if user:  # once per user: sign-in is throttled per address (ADR 0011)
                page.goto(f"{base}/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", PASSWORD)
                page.click("main form button[type=submit]")
                page.wait_for_load_state("load")
            for language in LANGUAGES:
                # sign-in switched to the user's own language: the cookie chooses this one
                context.add_cookies([{"name": "qyzmet_language", "value": language, "url": base}])
                for shot in (s for s in shots if s.user == user):
                    for width in WIDTHS:
                        page.set_viewport_size({"width": width, "height": 900 if width > 600 else 780})
                        response = page.goto(f"{base}{shot.path}")
                        if shot.status_lookup:
                            page.fill("input[name=number]", shot.status_lookup[0])
                            page.fill("input[name=iin_last4]", shot.status_lookup[1])
                            page.click("main form button[type=submit]")
                            page.wait_for_load_state("load")
                        page.wait_for_load_state("networkidle")
                        target = out / f"{shot.name}-{language}-{width}.png"
                        page.screenshot(path=str(target), full_page=True)
                        status = response.status if response is not None else 0
                        failures += not (200 <= status < 300)
                        print(
                            f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
                            f"{shot.path} as {user or 'anonymous'} [{language}] HTTP {status}",
                            flush=True,
                        )
            context.close()
        browser.close()
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", default="", help="page names, comma-separated")
    parser.add_argument("--chromium", default=os.environ.get("QYZMET_CHROMIUM") or "/usr/bin/chromium")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args(argv)
    if not shutil.which(args.chromium) and not Path(args.chromium).exists():
        raise SystemExit(f"chromium not found at {args.chromium} (tools/ensure-chromium.sh installs it)")
    database = ROOT / "var" / "screenshots" / "demo.sqlite3"
    _prepare_database(database, keep=args.keep_db)
    shots = _shots(database)
    if args.only:
        shots = [shot for shot in shots if shot.name in args.only.split(",")]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    server = _serve(database, args.port)
    try:
        failures = _take(shots, f"http://127.0.0.1:{args.port}", out, args.chromium)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{len(shots) * len(LANGUAGES) * len(WIDTHS)} screenshots in {out}; {failures} pages not 2xx")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
