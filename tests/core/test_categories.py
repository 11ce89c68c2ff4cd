"""The categories a desk offers (walk-ins): the event file's, in its order."""

from checkin.core.programme.categories import event_categories


def test_the_event_categories_are_offered_in_the_event_file_order(engine, sample_event):
    offered = event_categories(engine, sample_event)
    assert offered[:3] == [("participant", "Participant"), ("intervenant", "Intervenant"),
                           ("organisateur", "Organisateur")]
    assert event_categories(engine, sample_event + 1) == []
