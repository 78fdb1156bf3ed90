"""Headless Chromium for the browser tests (report, Aushang, website): where it is and how it
runs. Tests that need it skip with `NO_CHROMIUM` where it is missing (a brand-new machine with
only Python); `.ci/run` installs the Debian package."""

from __future__ import annotations

import shutil
import subprocess

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_CHROMIUM = "Chromium is not installed (Debian: apt-get install chromium)"


def chromium(*arguments: str, timeout: float = 120) -> str:
    """Run headless Chromium on our own files; its standard output (e.g. `--dump-dom`)."""
    assert CHROMIUM is not None
    done = subprocess.run(  # noqa: S603 - the system's Chromium on our own files
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", *arguments],
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return done.stdout
