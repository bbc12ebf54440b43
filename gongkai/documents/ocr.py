"""Text of an image through Tesseract OCR (Debian's `tesseract-ocr` with the simplified-Chinese
data `tesseract-ocr-chi-sim`), offline. Where the binary or the language data is missing, or
the image cannot be read, the answer is None: the caller reports the image as not checked."""

import logging
import shutil
import subprocess

logger = logging.getLogger(__name__)

LANGUAGES = "chi_sim+eng"
TIMEOUT_SECONDS = 60


def is_available() -> bool:
    """Tesseract is installed with the Chinese data."""
    binary = shutil.which("tesseract")
    if binary is None:
        return False
    try:
        listed = subprocess.run(  # noqa: S603 - a fixed argument list, no shell
            [binary, "--list-langs"], capture_output=True, timeout=10, check=False, text=True
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "chi_sim" in listed.stdout.split()


def image_text(data: bytes) -> str | None:
    """The text Tesseract reads in the image (PNG, JPEG …), or None when it cannot run."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    try:
        result = subprocess.run(  # noqa: S603 - a fixed argument list, no shell
            [binary, "stdin", "stdout", "-l", LANGUAGES],
            input=data,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        logger.warning("OCR did not finish")
        return None
    if result.returncode != 0:
        logger.warning("OCR failed: %s", result.stderr[:200])
        return None
    return result.stdout.decode("utf-8", errors="replace")
