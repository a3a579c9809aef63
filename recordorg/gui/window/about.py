"""The About box: version, where the library is, and the libraries used with their licences."""

from __future__ import annotations

import html
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from recordorg import __version__
from recordorg.gui.icons import app_icon

# (distribution, what it does here, licence) - licences as the projects publish them
COMPONENTS = [
    ("PySide6-Essentials", "the window (Qt for Python)", "LGPL-3.0-only or GPL-2.0/3.0"),
    ("PySide6-Pdf", "showing PDF documents (QtPdf, PDFium)", "LGPL-3.0-only; PDFium BSD-3-Clause"),
    ("pydicom", "reading DICOM scans", "MIT"),
    ("pylibjpeg", "compressed scans", "MIT"),
    ("pylibjpeg-libjpeg", "JPEG lossless scans", "GPL-3.0-only"),
    ("pylibjpeg-openjpeg", "JPEG 2000 scans", "MIT; OpenJPEG BSD-2-Clause"),
    ("pylibjpeg-rle", "RLE scans", "MIT"),
    ("numpy", "image numbers", "BSD-3-Clause"),
    ("pypdfium2", "reading text from PDFs", "Apache-2.0 or BSD-3-Clause; PDFium BSD-3-Clause"),
    ("pypdf", "writing PDFs", "BSD-3-Clause"),
    ("pillow", "photos and scans", "MIT-CMU (HPND)"),
    ("pillow-heif", "iPhone photos (HEIC)", "BSD-3-Clause; libheif LGPL-3.0"),
    ("sqlite-utils", "the catalogue", "Apache-2.0"),
    ("platformdirs", "where files are kept", "MIT"),
    ("Jinja2", "bundle pages", "BSD-3-Clause"),
    ("fpdf2", "review documents", "LGPL-3.0-only"),
]


def _version(distribution: str) -> str:
    if distribution.startswith("PySide6"):
        return pyside_version
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def components_html() -> str:
    rows = "".join(
        f"<tr><td><b>{html.escape(name)}</b></td><td>{html.escape(_version(name))}</td>"
        f"<td>{html.escape(licence)}</td><td>{html.escape(purpose)}</td></tr>"
        for name, purpose, licence in COMPONENTS
    )
    return (
        f"<p>Built on Qt {qVersion()} and these libraries, with thanks:</p>"
        "<table cellspacing='0' cellpadding='4'>"
        "<tr><th align='left'>Library</th><th align='left'>Version</th>"
        "<th align='left'>Licence</th><th align='left'>Used for</th></tr>"
        f"{rows}</table>"
        "<p>Optional tools found at run time: Tesseract (OCR, Apache-2.0).</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, library_path: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("About recordorg")
        self.setMinimumSize(640, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 16)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(QSize(72, 72)))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(logo)
        title = QLabel(f"<h2 style='margin:4px'>recordorg {__version__}</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        blurb = QLabel(
            "Keep a family's medical records on your own computer, find any report in "
            "seconds, and share a complete case-review bundle with a doctor anywhere.<br>"
            "Free software under the GNU General Public License, version 3 or later."
        )
        blurb.setWordWrap(True)
        blurb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(blurb)
        if library_path:
            where = QLabel(f"Library: {html.escape(library_path)}")
            where.setAlignment(Qt.AlignmentFlag.AlignCenter)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(where)
        self.components = QTextBrowser()
        self.components.setObjectName("aboutComponents")
        self.components.setHtml(components_html())
        layout.addWidget(self.components, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
