"""Sample data per document type: a new template version is rendered against it
before it becomes active, and the variables page shows it as the example values."""
from __future__ import annotations

KOP = {"kementerian": "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA",
       "kementerian_1": "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN", "kementerian_2": "REPUBLIK INDONESIA",
       "kanwil": "KANTOR WILAYAH DKI JAKARTA", "kantor": "BALAI PEMASYARAKATAN KELAS I JAKARTA TIMUR-UTARA",
       "kantor_biasa": "Balai Pemasyarakatan Kelas I Jakarta Timur-Utara",
       "alamat": "Jl. Raya Bekasi Km. 18, Jakarta Timur 13910", "telepon": "021-4600000",
       "email": "bapas@example.id", "kota": "Jakarta", "laman": "bapasjaktimut.kemenimipas.go.id"}
KLIEN = {"nama": "Rizky Pratama", "nomor_register": "BA.0011/2026", "jenis_bimbingan": "Pembebasan Bersyarat",
         "sk": "PAS-1234.PK.01.04.06", "mulai": "16 September 2026", "ekspirasi": "15 Juni 2028",
         "tahap": "Tahap awal", "ttl": "Bekasi, 14 Maret 2010", "putusan": "12/Pid.Sus-Anak/2025/PN Bks (1 Agustus 2025)"}
KEPALA = {"jabatan": "Kepala Balai Pemasyarakatan Kelas I Jakarta Timur-Utara", "nama": "Dra. Sri Wahyuni",
          "nip": "197001011995031001", "pangkat": "Pembina (IV/a)", "jabatan_singkat": "Kepala"}
PK = {"jabatan": "Pembimbing Kemasyarakatan Ahli Pertama", "nama": "Okto Utama", "nip": "199001012015031001",
      "pangkat": "Penata Muda (III/a)"}
COMMON = {"kop": KOP, "tanggal_surat": "30 November 2026", "nomor": "BPS-JKT-TIM/PK.01.05/LP/0007/2026",
          "verifikasi": "https://bapas.example.id/verifikasi/contoh"}
# The dates of a berita acara (app.documents.berita_acara): the event's day, and the day it was made if later.
DATING = {"tanggal_peristiwa": "30 November 2026", "dibuat_pada": "2 Desember 2026"}

SAMPLES: dict[str, dict] = {
    "laporan_perkembangan": {**COMMON, "penanda": PK, "mengetahui": KEPALA, "bulan": "Oktober 2026", "klien": KLIEN,
                             "kegiatan": [{"tanggal": "5 Oktober 2026", "jenis": "Konseling", "hadir": "Hadir",
                                           "hasil": "Klien terbuka bercerita."}],
                             "apel": {"bulan_ini": 2, "bulan_ini_terbilang": "dua", "total": 3,
                                      "total_terbilang": "tiga"},
                             "catatan": "Klien mengikuti program bimbingan.", "rencana": ["Konseling individu"],
                             "perubahan_program": "Program tidak perlu diubah."},
    "kartu_bimbingan": {**COMMON, "pk": PK, "klien": KLIEN, "jadwal": "Sekurang-kurangnya sekali setiap 30 hari.",
                        "baris": [1, 2, 3], "kepala": KEPALA,
                        "jadwal_singkat": "sekurang-kurangnya sekali setiap 30 hari",
                        "jadwal_lapor": [{"no": 1, "mulai": "16 September 2026", "sampai": "15 Oktober 2026"},
                                         {"no": 2, "mulai": "16 Oktober 2026", "sampai": "14 November 2026"}]},
    "berita_acara_serah_terima": {**COMMON, **DATING, "hari_tanggal_terbilang": "Senin tanggal tiga puluh bulan November "
                                  "tahun dua ribu dua puluh enam", "tanggal_serah_terima": "30 November 2026",
                                  "pihak_pertama": {"nama": "Budi Santosa", "nip": "198001012005011001",
                                                    "instansi": "LPKA Kelas I Tangerang"},
                                  "pihak_kedua": {"nama": "Sari Dewi", "nip": "199001012015011002",
                                                  "jabatan": "Petugas Registrasi"},
                                  "klien": KLIEN, "dokumen": ["Salinan putusan pengadilan"]},
    "surat_keterangan_akhir": {**COMMON, "penanda": KEPALA, "mengetahui": KEPALA, "klien": KLIEN,
                               "berakhir": {"tanggal": "15 Juni 2028", "alasan": "selesai pada akhir masa bimbingan",
                                            "keputusan": "PAS-99.PK.01.05", "tanggal_keputusan": "15 Juni 2028"},
                               "keterangan": "telah selesai menjalani bimbingan"},
    "surat_jawaban_pengaduan": {**COMMON, "penanda": KEPALA, "pengaduan": {
        "nomor": "ADU-ABCD-EFGH-IJKL-MNOP", "diterima": "25 November 2026", "kepada": "Ibu Ani",
        "jawaban": "Terima kasih; layanan telah kami perbaiki."}},
    "berita_acara_sidang_tpp": {**COMMON, **DATING, "sidang": {"hari_tanggal": "Senin tanggal tiga puluh bulan November tahun "
                                                     "dua ribu dua puluh enam", "waktu": "13.00 s.d. selesai",
                                                     "tempat": "Ruang sidang TPP", "hadir": 5, "anggota": 6,
                                                     "kuorum": "memenuhi kuorum"},
                                "hadir": ["Elisa Winarsih", "Okto Utama"],
                                "agenda": [{"nomor_register": "BA.0011/2026", "pokok": "Rencana program tahap awal",
                                            "rekomendasi": "Disetujui", "keputusan": "Disetujui"}],
                                "ketua": "Dra. Sri Wahyuni", "sekretaris": "Elisa Winarsih"},
    "kontrak_bimbingan": {**COMMON, "pk": PK, "klien": KLIEN, "penjamin": {"nama": "Siti Aminah", "hubungan": "Ibu"},
                          "jadwal": "sekurang-kurangnya sekali setiap 30 hari",
                          "bentuk_bimbingan": "bimbingan kepribadian dan kemandirian"},
    "berita_acara_pengakhiran": {**COMMON, **DATING, "penanda": KEPALA, "klien": KLIEN,
                                 "hari_tanggal_terbilang": "Senin tanggal tiga puluh bulan November tahun dua ribu "
                                 "dua puluh enam",
                                 "berakhir": {"tanggal": "15 Juni 2028", "alasan": "selesai pada akhir masa bimbingan",
                                              "keputusan": "PAS-99.PK.01.05", "tanggal_keputusan": "15 Juni 2028",
                                              "catatan": ""}},
    "litmas": {**COMMON, "penanda": PK, "mengetahui": KEPALA,
               "klien": {**KLIEN, "perkara": "Pasal 362 KUHP", "alias": "Iki", "umur": "17 tahun",
                         "jenis_kelamin": "Laki-laki", "agama": "Islam", "suku_bangsa": "Sunda/Indonesia",
                         "pendidikan": "SMP", "pekerjaan": "Pelajar", "alamat": "Jl. Melati 1, Bekasi"},
               "ayah": {"nama": "Ahmad Pratama", "umur": "45 tahun", "agama": "Islam", "pekerjaan": "Buruh",
                        "alamat": "Jl. Melati 1, Bekasi"},
               "ibu": {"nama": "Siti Aminah", "umur": "telah meninggal", "agama": "Islam", "pekerjaan": "-",
                       "alamat": "-"},
               "penjamin": {"nama": "Siti Aminah", "hubungan": "Ibu", "alamat": "Jl. Melati 1, Bekasi",
                            "telepon": "0812000000", "jaminan": "Surat pernyataan kesanggupan membimbing"},
               "pendahuluan": {"dasar": "Surat Kepala Bapas tentang evaluasi tahap akhir.",
                               "maksud": "Bahan sidang TPP evaluasi akhir.",
                               "metode": "Wawancara dengan klien dan orang tua, kunjungan rumah, studi dokumen."},
               "riwayat": {"masa_kecil": "Diasuh kedua orang tua.", "pendidikan": "Lulus SMP.",
                           "kesehatan": "Sehat.", "perilaku": "Pendiam, sopan.", "relasi": "Baik.",
                           "minat_bakat": "Otomotif."},
               "kasus": {"pasal": "Pasal 362 KUHP", "tanggal": "3 Mei 2025", "kronologi": "Klien mengambil sepeda.",
                         "motif": "Ajakan teman.", "korban": "Tetangga; sudah berdamai.",
                         "putusan": "12/Pid.Sus-Anak/2025/PN Bks", "tanggal_putusan": "1 Agustus 2025",
                         "pidana": "Pidana penjara 1 tahun"},
               "tahap": [{"nama": "Tahap awal", "periode": "16 September 2026 s.d. 1 Maret 2027",
                          "program": "Program bimbingan versi 1, disetujui Sidang TPP tanggal 20 September 2026",
                          "butir": [{"nomor": 1, "jenis": "Bimbingan kepribadian", "kegiatan": "Konseling individu",
                                     "rincian": " (frekuensi: dua kali sebulan)",
                                     "pelaksanaan": "5 Oktober 2026: Konseling — klien terbuka"}],
                          "lain": ["Kunjungan rumah, 9 Oktober 2026: Kunjungan rumah"],
                          "wajib_lapor": "6 (enam) kali", "kunjungan_rumah": "1 (satu) kali",
                          "rujukan": ["1 Oktober 2026, kepada BLK Bekasi: pelatihan bengkel. Hasil: belum "
                                      "dilaporkan"]}],
               "asesmen": {"awal": {"tanggal": "20 September 2026", "total": 14, "kategori": "Sedang"},
                           "akhir": {"tanggal": "1 Juni 2027", "total": 6, "kategori": "Rendah"},
                           "domain": [{"nama": "Pendidikan dan pekerjaan/pelatihan", "awal": 4, "akhir": 2}]},
               "klasifikasi": "Rendah (ditetapkan 2 Juni 2027); kebutuhan intervensi: kemandirian kerja",
               "tanggapan": {"klien": "Klien menyesal.", "keluarga": "Keluarga mendukung.",
                             "masyarakat": "Ketua RT menerima.", "korban": "Tanggapan korban tidak diperoleh."},
               "analisa": "Klien menunjukkan perkembangan baik.", "kesimpulan": "Risiko rendah.",
               "rekomendasi": "Bimbingan dapat diakhiri sesuai masa bimbingan."},
}
# The transfer letters (app.documents.transfer_letters).
TRANSFER = {"alamat_baru": "Jl. Kenanga 5, Kota Bandung", "alasan": "Klien ikut orang tua pindah tempat kerja.",
            "tanggal_usul": "20 November 2026", "tanggal_setuju": "23 November 2026",
            "surat_pengantar": "BPS-JKT-TIM/PK.01.05/PINDAH/0001/2026", "tanggal_terima": "30 November 2026"}
TUJUAN = {"nama": "Balai Pemasyarakatan Kelas I Bandung", "alamat": "Jl. Ibrahim Adjie 1, Bandung",
          "kota": "Bandung", "kepala": "Kepala Balai Pemasyarakatan Kelas I Bandung"}
BERKAS = ["2 asesmen risiko dan kebutuhan", "14 catatan buku perkembangan bimbingan"]
KLIEN_PINDAH = {**KLIEN, "tahap": "Tahap lanjutan", "nomor_register_lama": "BA.0011/2026"}
KLIEN_DITERIMA = {**KLIEN_PINDAH, "nomor_register": "BA.0042/2026"}
SAMPLES["surat_pengantar_pindah"] = {**COMMON, "penanda": KEPALA, "klien": KLIEN_PINDAH, "tujuan": TUJUAN,
                                     "pindah": {k: TRANSFER[k] for k in ("alamat_baru", "alasan", "tanggal_usul",
                                                                         "tanggal_setuju")},
                                     "berkas": BERKAS}
SAMPLES["berita_acara_pindah"] = {**COMMON, **DATING, "penanda": KEPALA, "klien": KLIEN_DITERIMA, "pk": PK,
                                  "hari_tanggal_terbilang": "Senin tanggal tiga puluh bulan November tahun dua "
                                  "ribu dua puluh enam",
                                  "pihak_pertama": {**KEPALA, "kantor": "Balai Pemasyarakatan Kelas I Jakarta "
                                                    "Timur-Utara"},
                                  "pihak_kedua": {**KEPALA, "nama": "Drs. Bambang Sutrisno",
                                                  "jabatan": "Kepala Balai Pemasyarakatan Kelas I Bandung",
                                                  "kantor": "Balai Pemasyarakatan Kelas I Bandung"},
                                  "pindah": {k: TRANSFER[k] for k in ("alamat_baru", "surat_pengantar",
                                                                      "tanggal_terima")},
                                  "berkas": BERKAS}
IMAGES = ("qr", "foto", "logo")  # placed as pictures, not text


def variables(doc_type: str) -> list[tuple[str, str]]:
    """(dotted name, example) for every value a template of this type may use."""
    out: list[tuple[str, str]] = []

    def walk(prefix, value):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else key, inner)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            walk(f"{prefix}[]", value[0])
        else:
            out.append((prefix, ", ".join(map(str, value)) if isinstance(value, list) else str(value)))

    walk("", SAMPLES[doc_type])
    return out + [(name, "(gambar)") for name in IMAGES]
