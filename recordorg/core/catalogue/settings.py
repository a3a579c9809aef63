"""Library settings kept in the catalogue, so every window and command on a library agrees."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from recordorg.core.catalogue.database import transaction
from recordorg.core.errors import UserError


@dataclass(frozen=True)
class Setting:
    """A setting a person may change: its default, a check of new values, and what it does."""

    key: str
    default: str
    check: Callable[[str], str]  # returns the value to store, or raises UserError
    help: str


def _choice(*allowed: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip().lower()
        if value not in allowed:
            raise UserError(f'"{value}" is not one of: {", ".join(allowed)}.')
        return value

    return check


def _share(value: str) -> str:
    try:
        number = float(value.strip().rstrip("%")) / (100 if value.strip().endswith("%") else 1)
    except ValueError:
        raise UserError(f'"{value}" is not a number between 0 and 1 (or 0% and 100%).') from None
    if not 0 <= number <= 1:
        raise UserError("Give a number between 0 and 1 (or 0% and 100%).")
    return f"{number:g}"


def _languages(value: str) -> str:
    value = value.strip()
    if value != "auto" and not all(part.isalnum() or "_" in part for part in value.split("+")):
        raise UserError('Give "auto" or Tesseract language codes joined by "+", e.g. eng+deu.')
    return value


SETTINGS: dict[str, Setting] = {}


def register(setting: Setting) -> Setting:
    SETTINGS[setting.key] = setting
    return setting


DATE_ORDER = register(
    Setting(
        "date_order",
        "auto",
        _choice("auto", "day-first", "month-first"),
        "how to read dates like 03/04/2025 when a record does not show it: day-first, "
        "month-first, or auto (learn from the library's records)",
    )
)
AUTO_CATEGORY = register(
    Setting(
        "category_auto_apply",
        "0.5",
        _share,
        "how sure a category suggestion must be (0 to 1) to be applied without asking; "
        "1 means never apply, only suggest",
    )
)
OCR_LANGUAGES = register(
    Setting(
        "ocr_languages",
        "auto",
        _languages,
        'languages Tesseract reads scans in: "auto" (every installed one of English, German, '
        "French, Spanish and Italian) or codes like eng+deu",
    )
)


def get_setting(conn: sqlite3.Connection, key: str) -> str:
    """The stored value, or the setting's default."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return str(row[0])
    if key in SETTINGS:
        return SETTINGS[key].default
    raise UserError(f'There is no setting "{key}".')


def set_setting(conn: sqlite3.Connection, key: str, value: str) -> str:
    """Check and store a value; returns what was stored."""
    if key not in SETTINGS:
        names = ", ".join(sorted(SETTINGS))
        raise UserError(f'There is no setting "{key}". The settings are: {names}.')
    stored = SETTINGS[key].check(value)
    with transaction(conn):
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, stored),
        )
    return stored


def all_settings(conn: sqlite3.Connection) -> list[dict[str, str]]:
    return [
        {"key": s.key, "value": get_setting(conn, s.key), "default": s.default, "help": s.help}
        for s in SETTINGS.values()
    ]
