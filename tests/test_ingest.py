"""Imports: ACLED, UCDP GED and generic CSVs; every row stored or rejected with a reason."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.admin import AdminLocator
from geo.errors import InputError
from geo.geocode import OfflineGeocoder, location_to_record
from geo.incidents import validate_incidents
from geo.ingest import GenericColumns, detect_format, ingest_csv, parse_record_date
from geo.rejects import Reject, write_rejects

DATA = Path(__file__).parent / "data" / "ingest"


@pytest.fixture(scope="module")
def locator() -> AdminLocator:
    return AdminLocator.from_dir()


@pytest.fixture(scope="module")
def geocode(real_gazetteer, locator):
    offline = OfflineGeocoder(real_gazetteer)

    def run(place: str, country: str | None) -> dict:
        return location_to_record(place, offline.geocode(place), locator=locator)

    return run


def _accounted(result) -> None:
    """Nothing lost: every data row is stored or rejected."""
    assert result.stored + len(result.rejects) == result.rows
    validate_incidents(result.to_gdf())


def test_acled_current_export(locator):
    r = ingest_csv(DATA / "acled_current.csv", locator=locator)
    assert r.fmt == "acled" and r.rows == 7
    _accounted(r)
    gdf = r.to_gdf().set_index("event_id")
    barmal = gdf.loc["ACLED-AFG70001"]
    assert (barmal.event_date, barmal.time_precision, barmal.geo_precision) == ("2024-12-24", 1, 2)
    assert barmal.sub_event_type == "Air/drone strike" and barmal.fatalities == 46
    assert (barmal.inter1, barmal.inter2) == (1, 7)  # text inter codes
    assert (barmal.country_code, barmal.admin1, barmal.admin2) == ("AF", "Paktika", "Barmal")
    assert (barmal.geometry.x, barmal.geometry.y) == pytest.approx((69.0486, 32.7472))
    assert gdf.loc["ACLED-PAK130002"].fatalities == 0  # an explicit 0 stays 0
    reasons = {(x.line, x.field): x.reason for x in r.rejects}
    assert set(reasons) == {(5, "event_date"), (6, "latitude"), (8, "event_type")}


def test_acled_older_upper_case_export(locator):
    r = ingest_csv(DATA / "acled_old_upper.csv", locator=locator)
    assert r.fmt == "acled" and r.stored == 3 and not r.rejects
    gdf = r.to_gdf().set_index("event_id")
    aps = gdf.loc["ACLED-PAK45678"]
    assert aps.event_date == "2014-12-16" and aps.fatalities == 149 and aps.inter1 == 2
    assert gdf.loc["ACLED-AFG12345"].event_date == "2021-08-25"


def test_ucdp_ged_mapping(locator):
    r = ingest_csv(DATA / "ucdp_ged.csv", locator=locator)
    assert r.fmt == "ucdp"
    _accounted(r)
    gdf = r.to_gdf().set_index("event_id")
    mosque = gdf.loc["UCDP-512345"]
    assert (mosque.event_type, mosque.sub_event_type) == ("Battles", "Armed clash")
    assert (mosque.time_precision, mosque.geo_precision, mosque.fatalities) == (1, 1, 85)
    kandahar = gdf.loc["UCDP-512346"]
    assert (kandahar.event_type, kandahar.time_precision, kandahar.geo_precision) == (
        "Violence against civilians",
        3,  # date_prec 4 within one month
        3,  # where_prec 4: province
    )
    country_wide = gdf.loc["UCDP-512347"]
    assert country_wide.geometry is None and country_wide.time_precision == 4  # where_prec 6, date_prec 5
    assert [(x.line, x.field) for x in r.rejects] == [(5, "type_of_violence")]


def test_generic_csv_places_are_geocoded_and_joined(geocode):
    cols = GenericColumns(
        place="village", date="date", actor1="perpetrator", actor2="target", fatalities="killed", notes="description"
    )
    r = ingest_csv(DATA / "generic_places.csv", columns=cols, geocode=geocode)
    assert r.fmt == "generic" and r.rows == 9
    _accounted(r)
    gdf = r.to_gdf()
    by_loc = {row.location: row for row in gdf.itertuples()}
    assert set(by_loc) == {"Barmal", "Khōst", "Dera Ismail Khan", "Miran Shah"}
    assert by_loc["Miran Shah"].admin2 == "North Waziristan"
    assert by_loc["Dera Ismail Khan"].event_date == "2024-12-28"  # day first
    assert "\n" in by_loc["Miran Shah"].notes  # the quoted multi-line cell survived
    assert pd_isna(by_loc["Khōst"].fatalities)
    assert all(row.event_type == "Strategic developments" for row in gdf.itertuples())
    fields = {(x.line, x.field): x.reason for x in r.rejects}
    assert fields[(8, "village")].startswith("unknown place")
    assert fields[(9, "village")] == "empty place name"
    assert fields[(7, "date")] and fields[(11, "killed")]


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_generic_needs_its_columns(tmp_path, geocode):
    with pytest.raises(InputError, match="--place-column"):
        ingest_csv(DATA / "generic_places.csv")
    with pytest.raises(InputError, match="not in the header"):
        ingest_csv(DATA / "generic_places.csv", columns=GenericColumns(place="town", date="date"), geocode=geocode)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty"),
        ("binary.csv", b"PK\x03\x04\x00\x00binary", "binary"),
        ("latin1.csv", None, "UTF-8"),
        ("broken_quotes.csv", None, "quoting"),
        ("dup.csv", b"a,a\n1,2\n", "duplicate"),
    ],
)
def test_unreadable_files_are_clear_errors(tmp_path, name, content, message):
    path = DATA / name if content is None else tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        ingest_csv(path)
    assert str(path) in str(info.value)


def test_huge_files_are_refused(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("event_date\n" + "2025-01-01\n" * 1000)
    with pytest.raises(InputError, match="limit"):
        ingest_csv(path, max_bytes=1000)


def test_wrong_field_count_is_a_row_reject(tmp_path, locator):
    path = tmp_path / "short.csv"
    text = (DATA / "acled_current.csv").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([text[0], text[1], "PAK1,2025-01-01,2025"]) + "\n", encoding="utf-8")
    r = ingest_csv(path, locator=locator)
    assert r.stored == 1 and r.rejects[0].line == 3 and "fields" in r.rejects[0].reason


def test_reject_report(tmp_path):
    rejects = [Reject("a.csv", 3, "event_date", "not a date", "soon"), Reject("b.csv", 0, "", "file not read")]
    path = write_rejects(rejects, tmp_path / "r.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows[0] == {"file": "a.csv", "line": "3", "field": "event_date", "reason": "not a date", "value": "soon"}
    assert str(rejects[0]) == "a.csv:3: field 'event_date' not a date (value 'soon')"


def test_detect_format():
    assert detect_format({"event_date", "event_type", "actor1", "latitude", "longitude"}) == "acled"
    assert detect_format({"type_of_violence", "where_prec", "date_prec", "best"}) == "ucdp"
    assert detect_format({"date", "village"}) == "generic"


# ------------------------------------------------------------------ dates
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-24", (dt.date(2024, 12, 24), 1)),
        ("2024-12-24T22:10:00", (dt.date(2024, 12, 24), 1)),
        ("24 December 2024", (dt.date(2024, 12, 24), 1)),
        ("24-Dec-2024", (dt.date(2024, 12, 24), 1)),
        ("December 24, 2024", (dt.date(2024, 12, 24), 1)),
        ("Sept. 3 2024", (dt.date(2024, 9, 3), 1)),
        ("24/12/2024", (dt.date(2024, 12, 24), 1)),
        ("2024/12/24", (dt.date(2024, 12, 24), 1)),
        ("2024-12", (dt.date(2024, 12, 1), 3)),
        ("2024", (dt.date(2024, 1, 1), 4)),
    ],
)
def test_parse_record_date(text, expected):
    assert parse_record_date(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "24/12/24", "31 Smarch 2024", "2024-02-30", "13/13/2025"])
def test_parse_record_date_rejects(text):
    with pytest.raises(ValueError):  # noqa: PT011 - the message varies by cause
        parse_record_date(text)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_date_formats_round_trip(day):
    month = day.strftime("%B")
    forms = [
        day.isoformat(),
        f"{day.day} {month} {day.year}",
        f"{day.day}-{month[:3]}-{day.year}",
        f"{month} {day.day}, {day.year}",
        day.strftime("%d/%m/%Y"),
    ]
    for text in forms:
        assert parse_record_date(text) == (day, 1), text
    assert parse_record_date(day.strftime("%m/%d/%Y"), dayfirst=False) == (day, 1)


# ------------------------------------------------------- CSV round trip
_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(_cell, min_size=1, max_size=6), fatalities=st.lists(st.integers(0, 500), min_size=6, max_size=6))
def test_acled_csv_round_trip_with_any_text(tmp_path_factory, locator, notes, fatalities):
    """Quotes, commas, newlines and any Unicode in cells survive; ids are stable."""
    header = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude"]
    header += ["notes", "fatalities", "geo_precision"]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    for i, note in enumerate(notes):
        writer.writerow(
            [
                f"PAK{i}",
                "2025-01-0" + str(i + 1),
                "Battles",
                "Armed clash",
                "TTP",
                "33.0",
                "70.1",
                note,
                fatalities[i],
                1,
            ]
        )
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    r = ingest_csv(path, locator=locator)
    assert r.rows == len(notes) and r.stored == len(notes), r.rejects
    got = {inc.event_id: inc for inc in r.incidents}
    for i, note in enumerate(notes):
        inc = got[f"ACLED-PAK{i}"]
        assert inc.notes == note.strip() and inc.fatalities == fatalities[i]
    again = ingest_csv(path, locator=locator)
    assert [i.event_id for i in again.incidents] == [i.event_id for i in r.incidents]


def _acled_file(tmp_path, rows: list[dict[str, str]]) -> Path:
    header = (DATA / "acled_current.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})
    return path


_ROW = {"event_date": "2025-02-28", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "A"}


@pytest.mark.parametrize(
    ("iso", "country", "expected"),
    [
        ("586", "Pakistan", "PK"),
        ("586", "", "PK"),
        ("", "Pakistan", "PK"),
        ("4", "Afghanistan", "AF"),
        ("", "afghanistan", "AF"),
        ("364", "", "IR"),
        ("356", "", "IN"),
        ("156", "", "CN"),
        ("795", "", "TM"),
        ("860", "", "UZ"),
        ("762", "", "TJ"),
        ("", "", ""),
    ],
)
def test_acled_rows_outside_the_simplified_polygons_keep_their_country(tmp_path, locator, iso, country, expected):
    torkham = (34.1186, 71.0997)  # the crossing: between the simplified PK and AF district polygons
    assert locator.locate(*torkham) is None
    row = {**_ROW, "event_id_cnty": "PAK1", "iso": iso, "country": country, "location": "Torkham"}
    row |= {"latitude": str(torkham[0]), "longitude": str(torkham[1]), "geo_precision": "1"}
    r = ingest_csv(_acled_file(tmp_path, [row]), locator=locator)
    assert r.stored == 1, r.rejects
    inc = r.incidents[0]
    assert inc.country_code == expected
    if expected == "PK":
        assert inc.country == "Pakistan"


def test_reject_values_are_the_cells_as_written(tmp_path, locator):
    base = {**_ROW, "latitude": "33.0006", "longitude": "70.0712"}
    rows = [
        {**base, "event_id_cnty": "X1", "fatalities": "-5"},
        {**base, "event_id_cnty": "X2", "fatalities": "2.50"},
        {**base, "event_id_cnty": "X3", "latitude": "95.0"},
        {**base, "event_id_cnty": "X4", "longitude": "-200"},
        {**base, "event_id_cnty": "X5", "latitude": "51.50", "longitude": "-0.10"},
    ]
    r = ingest_csv(_acled_file(tmp_path, rows), locator=locator)
    assert [(x.field, x.value) for x in r.rejects] == [
        ("fatalities", "-5"),
        ("fatalities", "2.50"),
        ("latitude", "95.0"),
        ("longitude", "-200"),
        ("latitude", "51.50, -0.10"),
    ]
    report = write_rejects(r.rejects, tmp_path / "rejects.csv")
    values = [row["value"] for row in csv.DictReader(report.open(encoding="utf-8"))]
    assert values[:2] == ["-5", "2.50"]
