"""Dates in a bundle: partial dates shifted with their precision, written to FHIR as partial."""

from __future__ import annotations

from recordorg.bundle.deidentify import move_dates
from recordorg.bundle.fhir import fhir_date
from recordorg.bundle.plan import BundleOptions


def test_a_partial_date_is_shifted_and_keeps_its_precision() -> None:
    options = BundleOptions(date_shift_days=31)
    assert options.bundle_date("2023-03") == "2023-04"
    assert options.bundle_date("2023-03-14") == "2023-04-14"
    assert options.bundle_date("2021") == "2021"
    assert BundleOptions(date_shift_days=-1).bundle_date("2021") == "2020"
    assert BundleOptions().bundle_date("2023-03") == "2023-03"
    assert BundleOptions(remove_dates=True).bundle_date("2023-03") is None


def test_text_dates_without_a_day_are_moved_as_months() -> None:
    moved = move_dates(
        "On letrozole since March 2023; CT 14/04/2025.", BundleOptions(date_shift_days=31)
    )
    assert "March 2023" not in moved and "2023-04" in moved and "2023-04-01" not in moved
    assert "2025-05-15" in moved


def test_fhir_gets_partial_datetimes_as_partial() -> None:
    assert fhir_date("2023-03") == "2023-03"
    assert fhir_date("2021") == "2021"
    assert fhir_date("2025-04-14") == "2025-04-14"
    assert fhir_date("Q2 2024") is None and fhir_date(None) is None
