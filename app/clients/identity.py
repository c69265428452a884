"""Format rules for identity numbers: NIK (Nomor Induk Kependudukan) and NIP."""
from __future__ import annotations

import re

_NIK = re.compile(r"^\d{16}$")
_NIP = re.compile(r"^\d{18}$")


def normalise_digits(value: str | None) -> str | None:
    """Strip spaces and dots people type in long numbers; empty becomes None."""
    if value is None:
        return None
    cleaned = re.sub(r"[\s.]", "", value)
    return cleaned or None


def is_valid_nik(value: str) -> bool:
    """A NIK is exactly 16 digits (UU 24/2013 Adminduk); its 7th-8th digits are the
    day of birth, plus 40 for women, so they lie in 01-31 or 41-71."""
    if not _NIK.match(value):
        return False
    day = int(value[6:8])
    return 1 <= day <= 31 or 41 <= day <= 71


def is_valid_nip(value: str) -> bool:
    """A civil servant's NIP is 18 digits (PP 11/2017)."""
    return bool(_NIP.match(value))
