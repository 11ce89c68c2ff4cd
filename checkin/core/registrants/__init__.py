"""The people of the event: importing them from ticketing exports, their codes, corrections at the desk."""
