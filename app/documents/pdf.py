"""PDF copies through LibreOffice, when the server has it (an option, not a dependency)."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def available() -> bool:
    return shutil.which("soffice") is not None


def convert(docx: Path, timeout: int = 90) -> bytes | None:
    """The PDF bytes, or None when LibreOffice is missing or fails."""
    if not available():
        return None
    with tempfile.TemporaryDirectory() as out:
        profile = Path(out) / "profile"  # a private profile: two conversions at once do not collide
        try:
            subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", out, str(docx)], check=True, capture_output=True, timeout=timeout)
        except (subprocess.SubprocessError, OSError):
            return None
        produced = Path(out) / (docx.stem + ".pdf")
        return produced.read_bytes() if produced.exists() else None
