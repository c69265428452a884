"""The legal basis (Dasar Hukum) of the service, as listed in the standard."""
from __future__ import annotations

REGULATIONS: list[tuple[str, str]] = [
    ("UU No. 12 Tahun 1995", "Pemasyarakatan"),
    ("UU No. 11 Tahun 2012", "Sistem Peradilan Pidana Anak"),
    ("PP No. 31 Tahun 1999", "Pembinaan dan Pembimbingan Warga Binaan Pemasyarakatan"),
    ("PP No. 32 Tahun 1999 sebagaimana telah diubah terakhir kali dengan PP No. 99 Tahun 2012",
     "Syarat dan Tata Cara Pelaksanaan Hak Warga Binaan Pemasyarakatan"),
    ("Kepmenkeh RI No. M.02-PR.07.03 Tahun 1987",
     "Organisasi dan Tata Kerja Balai Bimbingan Kemasyarakatan dan Pengentasan Anak"),
    ("Permenkumham RI No. 12 Tahun 2013",
     "Assessment Risiko dan Assessment Kebutuhan bagi Narapidana dan Klien Pemasyarakatan"),
    ("Permenkumham RI No. 21 Tahun 2013",
     "Syarat dan Tata Cara Pemberian Remisi, Asimilasi, Cuti Mengunjungi Keluarga, Pembebasan Bersyarat, "
     "Cuti Menjelang Bebas dan Cuti Bersyarat"),
    ("Juklak Menteri Kehakiman RI No. E.39-PR.05.03 Tahun 1987 (8 September 1987)",
     "Bimbingan Klien Pemasyarakatan"),
    ("Juknis Menteri Kehakiman RI No. E.40-PR.05.03 Tahun 1987 (8 September 1987)",
     "Bimbingan Klien Pemasyarakatan"),
]
