from datetime import date

from app.documents.formatting import hari_tanggal_terbilang, rupiah, tanggal, terbilang


def test_rupiah_groups_thousands_with_dots():
    assert rupiah(1000000) == "Rp 1.000.000"
    assert rupiah(750) == "Rp 750"


def test_terbilang():
    assert terbilang(1250000) == "satu juta dua ratus lima puluh ribu"
    assert terbilang(2026) == "dua ribu dua puluh enam"


def test_dates_in_letters():
    assert tanggal(date(2027, 1, 5)) == "5 Januari 2027"
    assert tanggal(None) == ""
    assert hari_tanggal_terbilang(date(2026, 11, 30)) == (
        "Senin tanggal tiga puluh bulan November tahun dua ribu dua puluh enam")
