"""Code the test modules share, kept out of the test modules themselves.

A helper that lives in a test module is imported from another test module (and pytest
sees that module twice) or copied into it (and the copies drift apart); here it has one
place. Nothing in this package is collected as a test: no module is named test_*.py.
Fixtures shared this way are in fixtures.py, registered by tests/conftest.py.
"""
