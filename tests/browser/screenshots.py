"""Screenshots of each page at phone (360 px) and desktop (1280 px) widths,
for the README: `.venv/bin/python -m tests.browser.screenshots [OUT_DIR]`
(default docs/screenshots/). Uses the sample articles and Debian's Chromium."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from tests.browser.live import ROOT, ensure_chromium, launch, load_samples, serve

WIDTHS = {"phone": 360, "desktop": 1280}
SEED = "ccf035179e48d153437e436b"
OKAFOR = "We will not accept any deal that leaves our fishermen behind"


def pages(base: str, page) -> dict[str, str]:
    """Name -> URL; the statement's id is found the way a person would, from a quote hit."""
    page.goto(f"{base}/quote-search?q={quote(OKAFOR)}&match=near&sort=oldest")
    statement = page.locator("a", has_text="Every occurrence").first.get_attribute("href")
    return {
        "search": f"{base}/?q={quote(chr(34) + 'red line' + chr(34))}",
        "search-error": f"{base}/?q={quote(chr(34) + 'red line')}",
        "article": f"{base}/article/{SEED}",
        "quotes": f"{base}/quote-search?q={quote(OKAFOR)}&match=near&sort=oldest",
        "statement": base + statement,
    }


def main(out_dir: Path) -> list[Path]:
    ensure_chromium()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        load_samples(Path(tmp))
        with serve(Path(tmp)) as base, sync_playwright() as playwright:
            browser = launch(playwright)
            for label, width in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
                page = context.new_page()
                for name, url in pages(base, page).items():
                    page.goto(url)
                    path = out_dir / f"{name}-{width}.png"
                    page.screenshot(path=str(path), full_page=True)
                    written.append(path)
                context.close()
            browser.close()
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for path in main(target):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
