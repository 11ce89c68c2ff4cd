"""Named queries (checkin.store.query), one module per part of the application."""
