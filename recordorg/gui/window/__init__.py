"""The main window and what belongs to it alone: menus, tabs, imports, libraries."""
