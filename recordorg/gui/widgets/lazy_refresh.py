"""A view that reads its data again only when it is on screen (or next shown)."""

from __future__ import annotations


class RefreshWhenShown:
    """Mixin for a QWidget with a refresh(): mark_stale() refreshes now if visible, else on
    the next showEvent. refresh() should set self._stale = False."""

    _stale = False

    def mark_stale(self) -> None:
        """Read the data again now if the view is on screen, else when it is next shown."""
        self._stale = True
        if self.isVisible():  # type: ignore[attr-defined]
            self.refresh()  # type: ignore[attr-defined]

    def showEvent(self, event) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._stale:
            self.refresh()  # type: ignore[attr-defined]
