"""Numbers and dates the way Indonesian letters write them."""
from __future__ import annotations

from datetime import date

from num2words import num2words

from app.platform.dates import long_date

DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def rupiah(amount: int) -> str:
    """``Rp 1.000.000`` (dots group thousands)."""
    return "Rp " + f"{amount:,}".replace(",", ".")


def terbilang(number: int) -> str:
    """A whole number in Indonesian words, as letters spell sums and dates: ``satu juta dua ratus ribu``."""
    return num2words(number, lang="id")


def tanggal(day: date | None) -> str:
    return long_date(day, "id")


def hari_tanggal_terbilang(day: date) -> str:
    """What a berita acara opens with: ``Senin tanggal tiga puluh bulan November tahun dua ribu dua puluh enam``."""
    month = long_date(day, "id").split(" ")[1]
    return f"{DAYS[day.weekday()]} tanggal {terbilang(day.day)} bulan {month} tahun {terbilang(day.year)}"
