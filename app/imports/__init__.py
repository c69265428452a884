"""Import of a client register from a spreadsheet (.xlsx or .csv).

The pipeline is plain functions, each tested without a request:

* ``columns``  the file format: one Indonesian header per client field;
* ``reading``  bytes -> a table of raw cells (file type by content, encodings,
  separators, size and row limits, formulas kept visible but never evaluated);
* ``parse``    table -> rows keyed by field (missing, unknown, doubled columns);
* ``cells``    one raw cell -> a typed value or a problem;
* ``validate`` rows -> a report per row, using the client rules of app.clients.rules;
* ``run``      report -> new clients, in the caller's transaction;
* ``pending``  the checked upload kept server-side between preview and confirm;
* ``template`` the .xlsx and .csv templates offered for download.
"""
