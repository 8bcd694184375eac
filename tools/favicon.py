"""Draw the favicon PNGs and ICO from the sun logo (the shapes of qyzmet/web/static/web/favicon.svg).

Run once when the logo changes: ``.venv/bin/python tools/favicon.py``. Pillow draws the circles and
rays at 16x the size and scales down, so the small icons stay smooth.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "qyzmet" / "web" / "static" / "web"
RAYS = [
    (22, 6, 22, 11), (22, 33, 22, 38), (6, 22, 11, 22), (33, 22, 38, 22),
    (10.7, 10.7, 14.2, 14.2), (29.8, 29.8, 33.3, 33.3), (10.7, 33.3, 14.2, 29.8), (29.8, 14.2, 33.3, 10.7),
]  # fmt: skip


def sun(size: int) -> Image.Image:
    scale = size * 16 / 44
    big = Image.new("RGBA", (size * 16, size * 16), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)

    def box(cx: float, cy: float, r: float) -> tuple[float, float, float, float]:
        return ((cx - r) * scale, (cy - r) * scale, (cx + r) * scale, (cy + r) * scale)

    draw.ellipse(box(22, 22, 22), fill="#00507a")
    draw.ellipse(box(22, 22, 20), fill="#00afca")
    draw.ellipse(box(22, 22, 7), fill="#fec50c")
    width = round(2.5 * scale)
    for x1, y1, x2, y2 in RAYS:
        draw.line((x1 * scale, y1 * scale, x2 * scale, y2 * scale), fill="#fec50c", width=width)
        for x, y in ((x1, y1), (x2, y2)):
            draw.ellipse(box(x, y, 1.25), fill="#fec50c")
    return big.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    sun(32).save(STATIC / "favicon-32.png")
    sun(180).save(STATIC / "favicon-180.png")
    sun(48).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
