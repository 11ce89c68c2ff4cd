"""Finding a registrant from what a volunteer types, and the index that makes it fast."""
