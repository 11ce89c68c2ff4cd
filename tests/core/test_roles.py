from checkin.core.roles import Permission, Role, allows, check_pin, hash_pin


def test_pins_are_stored_salted_and_checked():
    stored = hash_pin("4821")
    assert "4821" not in stored
    assert hash_pin("4821") != stored  # salted
    assert check_pin("4821", stored)
    assert not check_pin("4822", stored)
    assert not check_pin("4821", "garbage")


def test_volunteers_see_no_contact_details_and_cannot_export():
    assert not allows(Role.VOLUNTEER, Permission.SEE_CONTACT)
    assert not allows(Role.VOLUNTEER, Permission.EXPORT)
    assert not allows(Role.VOLUNTEER, Permission.EDIT_PROGRAMME)
    assert allows(Role.COORDINATOR, Permission.EDIT_PROGRAMME)
    assert not allows(Role.COORDINATOR, Permission.EXPORT)
    assert allows(Role.STAFF, Permission.EXPORT) and allows(Role.STAFF, Permission.SET_PINS)
