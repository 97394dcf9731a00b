"""Reading VerzuimDesk exports: encodings, separators, Dutch dates and numbers, and rows that are refused."""
from __future__ import annotations

import codecs
from datetime import date
from decimal import Decimal

import pytest

from chalicelib.domain import verzuimdesk as vd
from chalicelib.domain.errors import InvalidInput

TODAY = date(2026, 9, 21)
EMPLOYEES_HEADER = ("personeelsnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;datum_in_dienst;"
                    "datum_uit_dienst;uren_per_week;telefoon_werk;email_werk")
JOSE = "1001;José;de;Vries-Ünal;12-04-1980;01-03-2015;;32,5;013-1234567;jose@jansen.nl"


def employees(*rows: str, header: str = EMPLOYEES_HEADER, sep: str = ";", encoding: str = "utf-8") -> vd.Table:
    text = "\r\n".join([header.replace(";", sep), *(row.replace(";", sep) for row in rows)]) + "\r\n"
    return vd.read_table(text.encode(encoding), vd.EMPLOYEES_FILE, vd.EMPLOYEE_COLUMNS)


def refusal(call, *args) -> InvalidInput:
    """The refusal a call raises: its Dutch message is what the report shows."""
    with pytest.raises(InvalidInput) as refused:
        call(*args)
    return refused.value


def absences(*rows: str, header: str = "personeelsnummer;eerste_ziektedag;hersteldatum;vangnet;herstel_stappen"):
    text = "\n".join([header, *rows]) + "\n"
    return vd.read_table(text.encode(), vd.ABSENCES_FILE, vd.ABSENCE_COLUMNS)


@pytest.mark.parametrize("encoding, prefix, name", [("utf-8", b"", "UTF-8"), ("utf-8", codecs.BOM_UTF8, "UTF-8 (BOM)"),
                                                    ("cp1252", b"", "Windows-1252")])
def test_accented_names_read_the_same_in_every_encoding(encoding, prefix, name):
    raw = prefix + f"{EMPLOYEES_HEADER}\r\n{JOSE}\r\n".encode(encoding)

    table = vd.read_table(raw, vd.EMPLOYEES_FILE, vd.EMPLOYEE_COLUMNS)

    assert table.encoding == name
    fields = vd.employee_fields(table.rows[0], TODAY)
    assert (fields.first_name, fields.last_name) == ("José", "Vries-Ünal")


def test_a_bom_does_not_end_up_in_the_first_column_name():
    raw = codecs.BOM_UTF8 + f"{EMPLOYEES_HEADER}\n{JOSE}\n".encode()

    table = vd.read_table(raw, vd.EMPLOYEES_FILE, vd.EMPLOYEE_COLUMNS)

    assert table.rows[0].get("personeelsnummer") == "1001" and table.ignored_columns == ()


@pytest.mark.parametrize("sep", [";", ","])
def test_either_separator_is_recognised(sep):
    row = JOSE.replace("32,5", '"32,5"') if sep == "," else JOSE

    table = employees(row, sep=sep)

    assert table.delimiter == sep
    assert vd.employee_fields(table.rows[0], TODAY).contract_hours == Decimal("32.5")


def test_dutch_dates_become_dates_and_impossible_ones_are_named():
    assert vd.parse_dutch_date("01-03-2015", "datum_in_dienst") == date(2015, 3, 1)
    assert vd.parse_dutch_date("1-3-2015", "datum_in_dienst") == date(2015, 3, 1)
    assert vd.parse_dutch_date("", "datum_uit_dienst", required=False) is None
    impossible = refusal(vd.parse_dutch_date, "31-02-2020", "geboortedatum")
    assert impossible.field == "geboortedatum" and "31-02-2020 bestaat niet" in impossible.message
    for written in ("2015-03-01", "01-03-15", "1 maart 2015"):
        assert "dd-mm-jjjj" in refusal(vd.parse_dutch_date, written, "datum_in_dienst").message


@pytest.mark.parametrize("written, meant", [("ja", True), ("Ja", True), ("J", True), ("1", True), ("nee", False),
                                            ("N", False), ("", False), ("0", False)])
def test_yes_no_columns(written, meant):
    assert vd.parse_yes_no(written, "vangnet") is meant


def test_yes_no_refuses_anything_else():
    assert refusal(vd.parse_yes_no, "misschien", "vangnet").message == "vangnet: vul ja of nee in."


def test_header_names_are_matched_loosely():
    table = employees(JOSE, header="Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;Geboortedatum;Datum in dienst;"
                                   "Datum uit dienst;Uren per week;Telefoon werk;E-mail werk")

    assert vd.employee_fields(table.rows[0], TODAY).start_date == date(2015, 3, 1)
    assert table.ignored_columns == ("e_mail_werk",)


def test_line_numbers_count_the_header_and_blank_lines_are_no_rows():
    table = employees(JOSE, "", ";;;;;;;;;", "1002;Piet;;Bakker;01-01-1990;01-01-2020;;40;;")

    assert [row.line for row in table.rows] == [2, 5]


def test_quoted_field_over_two_lines_keeps_the_next_row_s_line_number():
    table = employees('1001;"Jan\nWillem";;Smit;01-01-1990;01-01-2020;;40;;',
                      "1002;Piet;;Bakker;01-01-1990;01-01-2020;;40;;")

    assert [row.line for row in table.rows] == [2, 4]


def test_a_row_with_the_wrong_number_of_fields_is_refused_by_itself():
    table = employees("1001;Jan;Smit;01-01-1990;01-01-2020;40", JOSE)

    assert "6 velden; de kopregel heeft er 10" in refusal(vd.employee_fields, table.rows[0], TODAY).message
    assert vd.employee_fields(table.rows[1], TODAY).personnel_number == "1001"


@pytest.mark.parametrize("row, column, words", [
    ("1001;;de;Vries;12-04-1980;01-03-2015;;32;;", "voornaam", "Vul voornaam"),
    ("10 01;Jan;de;Vries;12-04-1980;01-03-2015;;32;;", "personeelsnummer", "zonder spaties"),
    ("1001;Jan;de;Vries;12-04-2014;01-03-2015;;32;;", "geboortedatum", "jonger dan 14"),
    ("1001;Jan;de;Vries;12-04-1980;01-03-2015;;61;;", "uren_per_week", "hoogstens 60"),
    ("1001;Jan;de;Vries;12-04-1980;01-03-2015;01-01-2015;32;;", "datum_uit_dienst", "niet voor de datum in dienst"),
    ("1001;Jan;de;Vries;12-04-1980;01-03-2015;;32;;jan@", "email_werk", "geldig e-mailadres"),
    ("1001;Jan;de;Vries;12-04-1980;30-02-2015;;32;;", "datum_in_dienst", "bestaat niet"),
])
def test_employee_rows_follow_the_rules_of_medewerker_toevoegen(row, column, words):
    refused = refusal(vd.employee_fields, employees(row).rows[0], TODAY)

    assert refused.field == column and refused.message.startswith(f"{column}: ")
    assert words in refused.message


def test_forbidden_column_refuses_rows_with_a_value_and_never_repeats_it():
    table = employees(f"{JOSE};astma", "1002;Piet;;Bakker;01-01-1990;01-01-2020;;40;;;",
                      header=f"{EMPLOYEES_HEADER};Diagnose")

    assert table.forbidden_columns == ("diagnose",)
    refused = refusal(vd.employee_fields, table.rows[0], TODAY)
    assert refused.code == "avg_forbidden" and "'diagnose'" in refused.message
    assert "astma" not in refused.message
    assert vd.employee_fields(table.rows[1], TODAY).personnel_number == "1002"


@pytest.mark.parametrize("column", ["diagnose", "oorzaak_verzuim", "klachten", "medicatie", "bsn", "BSN-nummer",
                                    "Burgerservicenummer", "soort_vangnet", "aard van de ziekte", "behandeling"])
def test_columns_the_avg_forbids_are_recognised(column):
    assert vd.is_forbidden(vd.column_name(column))


@pytest.mark.parametrize("column", ["vangnet", "arbeidsongeval", "regres", "hersteldatum", "herstel_stappen",
                                    "verwachte_duur", "opmerking"])
def test_allowed_columns_are_not_taken_for_forbidden_ones(column):
    assert not vd.is_forbidden(column)


def test_missing_required_column_refuses_the_file():
    with pytest.raises(vd.FileRefused, match="'geboortedatum' ontbreekt"):
        employees(JOSE, header=EMPLOYEES_HEADER.replace("geboortedatum", "geb_datum"))


def test_empty_and_utf16_files_are_refused():
    with pytest.raises(vd.FileRefused, match="leeg"):
        vd.read_table(b"\r\n\r\n", vd.EMPLOYEES_FILE, vd.EMPLOYEE_COLUMNS)
    with pytest.raises(vd.FileRefused, match="UTF-16"):
        vd.read_table(EMPLOYEES_HEADER.encode("utf-16"), vd.EMPLOYEES_FILE, vd.EMPLOYEE_COLUMNS)


def test_open_absence_with_partial_recovery_steps():
    row = absences("1001;14-09-2026;;ja;15-09-2026 50%|17-09-2026 80%").rows[0]

    fields = vd.absence_fields(row, TODAY)

    assert (fields.first_sick_day, fields.recovered_on, fields.vangnet) == (date(2026, 9, 14), None, True)
    assert fields.steps == ((date(2026, 9, 15), 50), (date(2026, 9, 17), 80))


@pytest.mark.parametrize("row, words", [
    ("1001;22-09-2026;;;", "niet in de toekomst"),
    ("1001;14-09-2026;13-09-2026;;", "tussen de eerste ziektedag en vandaag"),
    ("1001;14-09-2026;22-09-2026;;", "tussen de eerste ziektedag en vandaag"),
    ("1001;14-09-2026;;misschien;", "vangnet: vul ja of nee in"),
    ("1001;14-09-2026;18-09-2026;;19-09-2026 50%", "niet tussen de eerste ziektedag"),
    ("1001;14-09-2026;;;15-09-2026 100%", "1 tot en met 99%"),
    ("1001;14-09-2026;;;16-09-2026 50%|15-09-2026 80%", "op volgorde"),
    ("1001;14/13/2026;;;", "bestaat niet"),
    (";14-09-2026;;;", "personeelsnummer"),
])
def test_impossible_absence_rows_are_refused_with_the_reason(row, words):
    assert words in refusal(vd.absence_fields, absences(row).rows[0], TODAY).message


def test_a_recovery_on_the_first_sick_day_is_allowed_as_in_the_portal():
    fields = vd.absence_fields(absences("1001;14-09-2026;14-09-2026;nee;").rows[0], TODAY)

    assert fields.recovered_on == date(2026, 9, 14)
