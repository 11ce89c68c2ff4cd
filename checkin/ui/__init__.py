"""Qt only: views, widgets, item models, dialogs and workers. Rules live in checkin.core."""
