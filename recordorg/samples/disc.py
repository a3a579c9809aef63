"""The non-DICOM clutter of a hospital CD: autorun, readme and a bundled viewer."""

from __future__ import annotations

import zipfile
from pathlib import Path

AUTORUN = (
    "[autorun]\r\nopen=VIEWER\\viewer.exe\r\nicon=VIEWER\\viewer.exe,0\r\n"
    "label=RIVERSIDE GENERAL\r\n"
)
STAMP = (2019, 6, 1, 12, 0, 0)  # fixed zip entry times keep the sample CD reproducible
README = (
    "Riverside General Hospital - Patient imaging CD (fictional sample)\r\n"
    "\r\n"
    "This disc contains medical images in DICOM format and a viewer for Windows.\r\n"
    "To view the images, run VIEWER\\viewer.exe. The images are in the DICOM folder;\r\n"
    "the DICOMDIR file lists them. This CD is not a diagnostic report.\r\n"
)


def fake_exe(label: str) -> bytes:
    """Bytes that look like a Windows executable ("MZ" header and DOS stub), but are not."""
    stub = b"This program cannot be run in DOS mode.\r\r\n$"
    header = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    return (
        header
        + b"\x00" * 44
        + b"\x80\x00\x00\x00"
        + b"\x00" * 64
        + stub
        + b"\x00" * 32
        + f"recordorg sample {label}".encode()
    )


def write_viewer_junk(root: str | Path) -> list[Path]:
    """Write AUTORUN.INF, README.TXT and a fake VIEWER folder; return the files written."""
    root = Path(root)
    viewer = root / "VIEWER"
    (viewer / "jre" / "lib").mkdir(parents=True, exist_ok=True)
    files = {
        root / "AUTORUN.INF": AUTORUN.encode("ascii"),
        root / "README.TXT": README.encode("ascii"),
        viewer / "viewer.exe": fake_exe("viewer"),
        viewer / "dcmcodec.dll": fake_exe("codec library"),
        viewer / "viewer.ini": b"[viewer]\r\nlanguage=en\r\nstartup=DICOMDIR\r\n",
    }
    for path, data in files.items():
        path.write_bytes(data)
    jar = viewer / "jre" / "lib" / "rt.jar"
    with zipfile.ZipFile(jar, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = "Manifest-Version: 1.0\r\nCreated-By: sample\r\n"
        archive.writestr(zipfile.ZipInfo("META-INF/MANIFEST.MF", STAMP), manifest)
        class_file = b"\xca\xfe\xba\xbe\x00\x00\x00\x34" + b"\x00" * 24  # Java class magic
        archive.writestr(zipfile.ZipInfo("java/lang/Object.class", STAMP), class_file)
    return [*files, jar]
