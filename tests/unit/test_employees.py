"""Medewerker toevoegen: every field checked with a Dutch message naming it; the first sick day of a ziekmelding."""
from datetime import date
from decimal import Decimal

import pytest

from chalicelib.domain.employees import age_on, check_first_sick_day, clean_employee, parse_date
from chalicelib.domain.errors import InvalidInput

TODAY = date(2026, 6, 15)
JAN = {"first_name": "Jan", "infix": "de", "last_name": "Vries", "personnel_number": "1001",
       "date_of_birth": "1980-04-12", "start_date": "2015-03-01", "contract_hours": 32,
       "work_phone": "013-1234567", "work_email": "jan@bakkerij.nl"}


def refusal(data: dict) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        clean_employee(data, today=TODAY)
    assert refused.value.message  # always a sentence for the user
    return refused.value


def test_a_complete_record_comes_back_clean():
    fields = clean_employee({**JAN, "first_name": "  Jan ", "contract_hours": "32,5", "end_date": "2026-12-31",
                             "bsn": "123456782"}, today=TODAY)

    assert fields.first_name == "Jan" and fields.infix == "de" and fields.last_name == "Vries"
    assert fields.date_of_birth == date(1980, 4, 12) and fields.start_date == date(2015, 3, 1)
    assert fields.contract_hours == Decimal("32.5") and fields.end_date == date(2026, 12, 31)
    assert not hasattr(fields, "bsn")


def test_optional_fields_may_be_left_out_or_blank():
    data = {**JAN, "infix": "  ", "work_phone": "", "work_email": None}
    del data["work_phone"]

    fields = clean_employee(data, today=TODAY)

    assert fields.infix is None and fields.work_phone is None and fields.work_email is None and fields.end_date is None


def test_voorletters_are_a_valid_first_name():
    assert clean_employee({**JAN, "first_name": "J.P."}, today=TODAY).first_name == "J.P."


def test_stored_values_read_back_pass_again():
    # Given a record as the store hands it back: hours as a float, no end date
    again = clean_employee({**JAN, "employee_id": "e-1", "contract_hours": 24.5, "end_date": None}, today=TODAY)

    assert again.contract_hours == Decimal("24.5")


@pytest.mark.parametrize("field", ["first_name", "last_name", "personnel_number", "date_of_birth", "start_date",
                                   "contract_hours"])
def test_required_fields_are_named_when_missing(field):
    data = {**JAN}
    del data[field]

    assert refusal(data).field == field


@pytest.mark.parametrize("field, value", [
    ("first_name", "x" * 101), ("last_name", "x" * 10_000), ("infix", "x" * 101), ("last_name", "Vries\u0000"),
    ("first_name", 42), ("infix", ["de"]),
])
def test_names_have_limits(field, value):
    assert refusal({**JAN, field: value}).field == field


def test_html_in_a_name_is_kept_as_text():
    assert clean_employee({**JAN, "last_name": "<b>Vries</b>"}, today=TODAY).last_name == "<b>Vries</b>"


@pytest.mark.parametrize("value, code", [
    ("2026-02-30", "date_impossible"), ("1980-13-01", "date_impossible"), ("12-04-1980", "date_format"),
    ("19800412", "date_format"), ("1980-4-12", "date_format"), ("morgen", "date_format"), (19800412, "date_format"),
    ("", "required"),
])
def test_dates_must_be_real_and_written_yyyy_mm_dd(value, code):
    refused = refusal({**JAN, "date_of_birth": value})

    assert refused.field == "date_of_birth" and refused.code == code


def test_an_impossible_date_is_explained_in_dutch():
    assert "bestaat niet" in refusal({**JAN, "start_date": "2026-02-30"}).message


@pytest.mark.parametrize("born, accepted", [
    ("2001-03-01", True),    # 14 on the start date 2015-03-01: the youngest allowed
    ("2001-03-02", False),   # one day short of 14
    ("1914-03-01", False),   # 101 on the start date
    ("1915-03-01", True),    # exactly 100
])
def test_date_of_birth_must_be_plausible_at_the_start_date(born, accepted):
    data = {**JAN, "date_of_birth": born}
    if accepted:
        assert clean_employee(data, today=TODAY).date_of_birth.isoformat() == born
    else:
        assert refusal(data).field == "date_of_birth"


def test_start_date_at_most_a_year_ahead():
    # Given today is 2026-06-15: a year ahead is 2027-06-15
    assert clean_employee({**JAN, "start_date": "2027-06-15"}, today=TODAY).start_date == date(2027, 6, 15)
    assert refusal({**JAN, "start_date": "2027-06-16"}).field == "start_date"


def test_end_date_not_before_start_date():
    assert clean_employee({**JAN, "end_date": "2015-03-01"}, today=TODAY).end_date == date(2015, 3, 1)
    refused = refusal({**JAN, "end_date": "2015-02-28"})
    assert refused.field == "end_date" and refused.code == "end_before_start"


@pytest.mark.parametrize("hours, expected", [(32, "32"), ("32.5", "32.5"), ("32,5", "32.5"), (60, "60"),
                                             (0.5, "0.5"), ("12,25", "12.25")])
def test_contract_hours_accept_whole_and_decimal_numbers(hours, expected):
    assert clean_employee({**JAN, "contract_hours": hours}, today=TODAY).contract_hours == Decimal(expected)


@pytest.mark.parametrize("hours", [0, "0", -8, 60.5, 80, "veel", "32,555", True, "NaN", "1e2", [32]])
def test_contract_hours_out_of_range_or_not_a_number(hours):
    assert refusal({**JAN, "contract_hours": hours}).field == "contract_hours"


@pytest.mark.parametrize("number, accepted", [("A-1001", True), ("x" * 20, True), (1001, True), ("x" * 21, False),
                                              ("12 34", False), ("1001/2", False), ("", False), ("#1", False)])
def test_personnel_number_is_letters_digits_and_dashes(number, accepted):
    data = {**JAN, "personnel_number": number}
    if accepted:
        assert clean_employee(data, today=TODAY).personnel_number == str(number)
    else:
        assert refusal(data).field == "personnel_number"


@pytest.mark.parametrize("phone, accepted", [("013-1234567", True), ("+31 (0)13 123 45 67", True), ("234", True),
                                             ("()-+", False), ("013-1234567 toestel 5", False), ("1" * 33, False)])
def test_work_phone_is_a_free_notation_of_digits(phone, accepted):
    data = {**JAN, "work_phone": phone}
    if accepted:
        assert clean_employee(data, today=TODAY).work_phone == phone
    else:
        assert refusal(data).field == "work_phone"


def test_work_email_must_look_like_an_address():
    assert refusal({**JAN, "work_email": "geen-email"}).field == "work_email"


def test_the_first_bad_field_in_form_order_is_named():
    assert refusal({**JAN, "last_name": "", "contract_hours": "veel"}).field == "last_name"


def test_age_counts_whole_years():
    assert age_on(date(1980, 4, 12), date(2026, 4, 11)) == 45
    assert age_on(date(1980, 4, 12), date(2026, 4, 12)) == 46


def test_parse_date_accepts_a_date_but_not_a_timestamp():
    from datetime import datetime

    assert parse_date(date(2026, 1, 5), "start_date") == date(2026, 1, 5)
    with pytest.raises(InvalidInput):
        parse_date(datetime(2026, 1, 5, 9, 0), "start_date")  # noqa: DTZ001 (a timestamp is what is refused)


# Ziekmelding: the first sick day

START, END = date(2015, 3, 1), date(2026, 6, 30)


def test_first_sick_day_today_or_earlier_within_the_employment_is_accepted():
    assert check_first_sick_day(TODAY, TODAY, START, None) == TODAY
    assert check_first_sick_day("2015-03-01", TODAY, START, END) == START


@pytest.mark.parametrize("day, code", [
    (date(2026, 6, 16), "sick_day_future"),        # tomorrow
    (date(2015, 2, 28), "sick_day_before_start"),  # the day before the start date
    ("2026-02-30", "date_impossible"),
    ("15-06-2026", "date_format"),
])
def test_first_sick_day_refusals(day, code):
    with pytest.raises(InvalidInput) as refused:
        check_first_sick_day(day, TODAY, START, None)

    assert refused.value.field == "first_sick_day" and refused.value.code == code


def test_first_sick_day_after_the_employment_ended_is_refused_with_the_date():
    with pytest.raises(InvalidInput) as refused:
        check_first_sick_day(date(2026, 6, 1), TODAY, START, date(2026, 5, 31))

    assert refused.value.code == "sick_day_after_end" and "31-05-2026" in refused.value.message
