"""``qyzmet reception_voice_clips``: synthesise the board's voice clips (CRC 14, ADR 0030).

Run once by a developer (``make voice-clips``) after changing a phrase in
``qyzmet/reception/voice.py``; the WAV files it writes under ``qyzmet/reception/voiceclips/``
are committed, so running the product needs neither espeak-ng nor sox. Needs Debian's
``espeak-ng`` (the kk and ru voices) and ``sox`` (``apt-get install -y espeak-ng sox``).
Each clip is spoken at 140 words a minute, resampled to 16 kHz mono 16-bit, trimmed of the
silence around it and normalised to -1 dBFS."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qyzmet.reception import voice


class Command(BaseCommand):
    help = "Synthesise the board's voice clips (kk, ru) with espeak-ng and sox into reception/voiceclips/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default=str(voice.CLIP_DIR), help="the directory to write into")
        parser.add_argument("--only-missing", action="store_true", help="keep clips that exist")

    def handle(self, *args: Any, **options: Any) -> None:
        espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
        if espeak is None or sox is None:
            raise CommandError("needs espeak-ng and sox: apt-get install -y espeak-ng sox")
        out = Path(options["out"])
        written = 0
        for lang in voice.LANGUAGES:
            (out / lang).mkdir(parents=True, exist_ok=True)
            keep = {f"{name}.wav" for name in voice.clip_texts(lang)}
            for stale in (out / lang).glob("*.wav"):
                if stale.name not in keep:
                    stale.unlink()
            for name, text in sorted(voice.clip_texts(lang).items()):
                target = out / lang / f"{name}.wav"
                if options["only_missing"] and target.exists():
                    continue
                with tempfile.TemporaryDirectory() as tmp:
                    raw = Path(tmp) / "raw.wav"
                    subprocess.run([espeak, "-v", lang, "-s", "140", "-w", str(raw), text], check=True)
                    subprocess.run(
                        [
                            sox,
                            str(raw),
                            "-r",
                            str(voice.RATE),
                            "-c",
                            "1",
                            "-b",
                            "16",
                            str(target),
                            "silence",
                            "1",
                            "0.01",
                            "0.1%",
                            "reverse",
                            "silence",
                            "1",
                            "0.01",
                            "0.1%",
                            "reverse",
                            "gain",
                            "-n",
                            "-1",
                        ],
                        check=True,
                    )
                written += 1
        self.stdout.write(f"reception voice clips: {written} written under {out}\n")
