"""SDP Bimbingan Bapas: what the national database needs (mapping), what is not
yet there (records), and handing it over once (export)."""
