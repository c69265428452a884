"""The supervision's state machine: registered -> tahap awal -> tahap lanjutan ->
tahap akhir -> ended (selesai / dicabut / dipindahkan / meninggal).

Each transition is a small command (``check()`` lists what is missing, ``run()``
writes) in :mod:`app.supervision.lifecycle.commands`; gates are in :mod:`app.supervision.lifecycle.gates`
and the books in :mod:`app.supervision.lifecycle.books`.
"""
