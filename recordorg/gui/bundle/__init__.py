"""Case-review bundles in the window: export dialog, opening a bundle read-only."""
