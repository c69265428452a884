"""Complaints (Penanganan Pengaduan, UU 25/2009 Pasal 36): intake, the
four-step handling, deadlines in Indonesian working days."""
