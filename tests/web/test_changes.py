"""Audit entries shown as the fields that changed."""

from harmwatch.web.changes import changed_fields


def test_nested_change_becomes_dotted_fields():
    before = {"killed": {"civilians": {"min": 12, "max": 12}, "total": None}}
    after = {"killed": {"civilians": {"min": 9, "max": 12}, "total": None}}
    assert changed_fields(before, after) == [("killed.civilians.min", 12, 9)]


def test_field_set_from_nothing_and_cleared():
    assert changed_fields({"notes": None}, {"notes": "checked"}) == [("notes", None, "checked")]
    assert changed_fields({"killed": {"women": {"min": 1, "max": 2}}},
                          {"killed": {"women": None}}) == [
        ("killed.women.min", 1, None), ("killed.women.max", 2, None)]


def test_no_entry_no_change():
    assert changed_fields(None, None) == []
