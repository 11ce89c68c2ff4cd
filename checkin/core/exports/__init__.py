"""End-of-day exports: tables read from the scan log, written as CSV, XLSX or PDF."""
