"""Reading UCDP GED files as UCDP releases them: quoted cells with commas, quotes and line
breaks, integers written as floats, empty cells, columns in any order; a clear error per
bad cell, and a file that is not GED's refused with its missing columns named."""

import csv
import io
from datetime import date

import pytest

from events.ged import COLUMNS, NotAGedFile, read_ged, read_header
from tests.ged import ged_csv, ged_row, sample_bytes


def rows_of(content: bytes):
    return list(read_ged(io.BytesIO(content)))


def test_the_sample_file_reads_as_34_valid_events():
    rows = rows_of(sample_bytes())
    assert len(rows) == 34
    assert [r.errors for r in rows if r.errors] == []
    assert {r.values["country"] for r in rows} >= {"DR Congo (Zaire)", "Sudan", "Ivory Coast"}


def test_quoted_cells_keep_their_commas_quotes_and_line_breaks():
    by_id = {r.ucdp_id: r.values for r in rows_of(sample_bytes())}
    assert by_id[498230]["source_article"] == (
        'Reuters,2024-01-27,"Fighting near Sake, a gateway to Goma"; AFP,2024-01-27'
    )
    assert by_id[498244]["source_article"] == (
        "Actualite.cd,2024-02-08,Sake: les FARDC repoussent une attaque du M23\n"
        "Radio Okapi,2024-02-08"
    )
    assert by_id[300402]["source_article"] == (
        'Radio Dabanga,2024-02-03,Massacre in Wad Al Nura: "more than 60" dead'
    )
    assert by_id[498230]["where_description"] == "Sake, Masisi territory, North Kivu"


def test_integers_written_as_floats_and_dates_with_a_time_read_as_they_mean():
    by_id = {r.ucdp_id: r.values for r in rows_of(sample_bytes())}
    assert 300380 in by_id and by_id[300380]["year"] == 2024
    assert 498244 in by_id
    assert by_id[498230]["date_start"] == date(2024, 1, 24)
    assert by_id[498230]["date_end"] == date(2024, 1, 26)


def test_empty_cells_are_empty_or_zero_and_optional_numbers_none():
    by_id = {r.ucdp_id: r.values for r in rows_of(sample_bytes())}
    rakhine = by_id[410052]
    assert rakhine["where_description"] == "" and rakhine["adm_2"] == ""
    row = ged_row(1, "2024-01-01", conflict_new_id="", deaths_unknown="", latitude="")
    values = rows_of(ged_csv([row]))[0].values
    assert values["conflict_new_id"] is None
    assert values["deaths_unknown"] == 0
    assert values["latitude"] is None


def test_columns_may_come_in_any_order_with_more_columns_left_aside():
    columns = [*reversed(COLUMNS), "comment"]
    row = {**ged_row(7, "2024-02-02", deaths=3), "comment": "not UCDP's"}
    (read,) = rows_of(ged_csv([row], columns=columns))
    assert read.ucdp_id == 7 and read.values["best"] == 3 and not read.errors


def test_a_byte_order_mark_and_blank_lines_do_no_harm():
    content = b"\xef\xbb\xbf" + ged_csv([ged_row(1, "2024-01-01"), ged_row(2, "2024-01-02")])
    content = content.replace(b"\r\n", b"\r\n\r\n", 2)
    assert [r.ucdp_id for r in rows_of(content)] == [1, 2]


def test_a_file_without_geds_columns_is_refused_naming_those_missing():
    columns = [c for c in COLUMNS if c not in ("best", "date_start")]
    problem = read_header(io.BytesIO(ged_csv([], columns=columns)))
    assert problem is not None
    assert "missing columns: date_start, best" in problem
    assert "This is not a UCDP GED file" in problem
    with pytest.raises(NotAGedFile, match="missing columns: date_start, best"):
        rows_of(ged_csv([], columns=columns))


def test_a_column_named_twice_and_an_empty_file_are_refused():
    assert "columns named twice: country" in read_header(
        io.BytesIO(ged_csv([], columns=[*COLUMNS, "country"]))
    )
    assert "The file is empty" in read_header(io.BytesIO(b""))


def test_text_that_is_not_utf8_is_refused():
    content = ged_csv([ged_row(1, "2024-01-01", where_description="Duékoué")])
    with pytest.raises(NotAGedFile, match="not UTF-8"):
        rows_of(content.decode().encode("latin-1"))


BAD_CELLS = [
    ({"best": "12.5"}, "best", "'12.5' is not a whole number."),
    ({"id": ""}, "id", "Empty; a whole number is required."),
    ({"id": "abc"}, "id", "'abc' is not a whole number."),
    ({"type_of_violence": "4"}, "type_of_violence", "4 is outside 1 to 3."),
    ({"year": "1900"}, "year", "1900 is outside 1946 to 2100."),
    ({"deaths_a": "-3"}, "deaths_a", "-3 is outside 0 to 2147483647."),
    ({"date_start": "2024-02-30"}, "date_start", "'2024-02-30' is not a date of the calendar."),
    ({"date_start": "31/01/2024"}, "date_start", "'31/01/2024' is not a date as YYYY-MM-DD."),
    ({"date_end": ""}, "date_end", "Empty; a date as YYYY-MM-DD is required."),
    ({"date_end": "2023-12-31"}, "date_end", "2023-12-31 is before date_start (2024-01-01)."),
    ({"country": ""}, "country", "Empty; the country is required."),
    ({"latitude": "95"}, "latitude", "'95' is outside -90 to 90."),
    ({"active_year": "maybe"}, "active_year", "'maybe' is not 1 or 0."),
    ({"low": "20"}, "best", "The estimates must read low ≤ best ≤ high (got 20, 10, 15)."),
]


@pytest.mark.parametrize(("changes", "column", "message"), BAD_CELLS)
def test_a_bad_cell_is_named_with_its_row_column_and_what_is_wrong(changes, column, message):
    rows = rows_of(ged_csv([ged_row(1, "2024-01-01"), ged_row(2, "2024-01-01", **changes)]))
    assert not rows[0].errors
    assert rows[1].number == 2
    assert rows[1].errors[column] == [message]


def test_a_row_with_too_few_cells_says_how_many():
    content = ged_csv([ged_row(1, "2024-01-01")]) + b"3,SUD-2024\r\n"
    bad = rows_of(content)[1]
    assert bad.errors == {"row": [f"2 cells; the header has {len(COLUMNS)}."]}


def test_rows_are_numbered_as_records_even_when_a_cell_spans_lines():
    content = ged_csv([ged_row(1, "2024-01-01", source_article="one\ntwo\nthree"), ged_row(2, "x")])
    assert [(r.number, bool(r.errors)) for r in rows_of(content)] == [(1, False), (2, True)]


def test_the_sample_is_a_csv_file_of_ged_columns():
    header = next(csv.reader(io.StringIO(sample_bytes().decode())))
    assert header == list(COLUMNS)
