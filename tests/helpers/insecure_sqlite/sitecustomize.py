"""Put on PYTHONPATH, makes this Python's SQLite behave like a build without SECURE_DELETE
(Python's own on Windows, most Linux builds; Debian's has it on): every connection starts
with secure_delete off, so deleted and overwritten text stays in the file's free space.
A purge test that passes only because Debian zeroes freed space proves nothing."""

import sqlite3

_connect = sqlite3.connect


def _insecure(*args, **kwargs):
    conn = _connect(*args, **kwargs)
    conn.execute("PRAGMA secure_delete = OFF")
    return conn


sqlite3.connect = _insecure
