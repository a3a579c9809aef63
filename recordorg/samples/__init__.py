"""Makers of synthetic, fictional sample files (PDFs, photos, DICOM, hostile files); Qt-free."""
