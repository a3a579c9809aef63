"""Errors a user can fix, kept apart from bugs; messages are shown as they are."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can understand and fix; the message is shown to them as-is."""


class LibraryTooNew(UserError):
    """The library was written by a newer recordorg; it is left untouched."""


class LibraryBusy(UserError):
    """Another recordorg window or command is changing this library right now."""


class NotFound(UserError):
    """A record, person, tag or category the user named does not exist."""
