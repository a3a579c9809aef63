"""The desktop application (the only package that imports Qt)."""

from recordorg.gui.pyside_fix import keep_none_alive

keep_none_alive()
