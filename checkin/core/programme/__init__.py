"""The event's programme: the event file, the programme sheet, loading them into the store,
categories, seats and enrollments."""
