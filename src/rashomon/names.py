"""Names: a key under which spelling variants of one name meet (placeholder until the
transliteration-aware rules land)."""

from __future__ import annotations

import re
import unicodedata


def name_key(name: str, type: str | None = None) -> str:
    """Lower-cased ASCII words of `name` joined by hyphens; "" when nothing is left."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))
