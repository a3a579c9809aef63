"""Walk a DICOM file's elements byte by byte to prove it is whole (pydicom reads cut files)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.sniff import DICOM_LONG_VRS, DICOM_VRS

PIXEL_TAGS = frozenset({0x7FE00010, 0x7FE00008, 0x7FE00009})  # Pixel, Float, Double Float
ITEM = 0xFFFEE000
ITEM_END = 0xFFFEE00D
SEQUENCE_END = 0xFFFEE0DD
UNDEFINED = 0xFFFFFFFF
MAX_DEPTH = 64

CUT_IN_HEADER = "This DICOM file is incomplete (cut off before the image data)."
CUT_IN_PIXELS = "This DICOM file is incomplete (cut off inside the image data)."
DAMAGED_PIXELS = "This DICOM file is damaged (its compressed image data is broken)."
DAMAGED = "This DICOM file is damaged and cannot be read."


@dataclass
class PixelDataInfo:
    """Where the pixel data sits and how it is stored."""

    tag: int
    offset: int  # file offset of the value
    length: int | None  # None when encapsulated (undefined length)
    fragments: int = 0  # encapsulated only: items after the basic offset table
    offset_table_entries: int = 0


@dataclass
class Structure:
    """What the walk found."""

    pixel_data: PixelDataInfo | None = None
    cut_after_image: bool = False  # the file ends inside something after complete pixel data


class _Cut(Exception):
    def __init__(self, in_pixels: bool) -> None:
        super().__init__(CUT_IN_PIXELS if in_pixels else CUT_IN_HEADER)
        self.in_pixels = in_pixels


class _Walker:
    def __init__(self, f: BinaryIO, size: int) -> None:
        self.f = f
        self.size = size
        self.structure = Structure()
        self.image_complete = False

    def read(self, n: int, in_pixels: bool = False) -> bytes:
        data = self.f.read(n)
        if len(data) < n:
            raise _Cut(in_pixels)
        return data

    def skip(self, length: int, in_pixels: bool = False) -> None:
        position = self.f.tell()
        if position + length > self.size:
            raise _Cut(in_pixels)
        self.f.seek(position + length)

    def header(self, implicit: bool, endian: str) -> tuple[int, bytes, int] | None:
        """Read one element header; return (tag, VR or b"", length), None at a clean end."""
        start = self.f.read(8)
        if not start:
            return None
        if len(start) < 8:
            raise _Cut(False)
        group, element, length32 = struct.unpack(endian + "HHI", start)
        tag = group << 16 | element
        vr = start[4:6]
        if implicit or tag in (ITEM, ITEM_END, SEQUENCE_END):
            return tag, b"", length32
        if vr in DICOM_LONG_VRS:
            return tag, vr, struct.unpack(endian + "I", self.read(4))[0]
        if vr in DICOM_VRS or b"AA" <= vr <= b"ZZ":
            # an unknown but letter-shaped VR gets a 2-byte length, as in pydicom
            return tag, vr, struct.unpack(endian + "H", start[6:8])[0]
        return tag, b"", length32  # some writers switch to implicit VR inside sequences

    def dataset(self, implicit: bool, endian: str, depth: int, in_item: bool) -> None:
        """Walk elements until the end of the file or, inside an item, its delimiter."""
        if depth > MAX_DEPTH:
            raise UnreadableFile(DAMAGED)
        while True:
            found = self.header(implicit, endian)
            if found is None:
                if in_item:
                    raise _Cut(False)
                return
            tag, vr, length = found
            if tag in (ITEM_END, SEQUENCE_END):
                return  # at top level pydicom also stops here
            is_pixels = depth == 0 and tag in PIXEL_TAGS
            if length != UNDEFINED:
                if is_pixels:
                    self.structure.pixel_data = PixelDataInfo(tag, self.f.tell(), length)
                self.skip(length, is_pixels)
                self.image_complete = self.image_complete or is_pixels
            elif is_pixels:
                self.fragments(tag, endian)
                self.image_complete = True
            else:
                # a sequence; undefined-length UN is encoded implicit little endian
                nested_implicit = implicit or vr == b"UN"
                self.items(nested_implicit, "<" if vr == b"UN" else endian, depth)

    def items(self, implicit: bool, endian: str, depth: int) -> None:
        while True:
            before = self.f.tell()
            group, element, length = struct.unpack(endian + "HHI", self.read(8))
            tag = group << 16 | element
            if tag == SEQUENCE_END:
                return
            if tag != ITEM:
                # not item-shaped: read up to the delimiter, as pydicom does
                self.f.seek(before)
                self.scan_to_sequence_end(endian)
                return
            if length == UNDEFINED:
                self.dataset(implicit, endian, depth + 1, in_item=True)
            else:
                self.skip(length)

    def scan_to_sequence_end(self, endian: str) -> None:
        marker = struct.pack(endian + "HH", 0xFFFE, 0xE0DD) + b"\0\0\0\0"
        carry = b""
        while True:
            chunk = self.f.read(1 << 20)
            if not chunk:
                raise _Cut(False)
            data = carry + chunk
            found = data.find(marker)
            if found >= 0:
                self.f.seek(self.f.tell() - len(data) + found + len(marker))
                return
            carry = data[-(len(marker) - 1) :]

    def fragments(self, tag: int, endian: str) -> None:
        info = PixelDataInfo(tag, self.f.tell(), None)
        self.structure.pixel_data = info
        count = 0
        while True:
            group, element, length = struct.unpack(endian + "HHI", self.read(8, True))
            item_tag = group << 16 | element
            if item_tag == SEQUENCE_END:
                break
            if item_tag != ITEM or length == UNDEFINED:
                raise UnreadableFile(DAMAGED_PIXELS)
            if count == 0:
                info.offset_table_entries = length // 4
            self.skip(length, in_pixels=True)
            count += 1
        if count == 0:
            raise UnreadableFile(DAMAGED_PIXELS)
        info.fragments = count - 1


def check_structure(path: Path, *, implicit: bool, little_endian: bool, start: int) -> Structure:
    """Walk the file from `start` (after the preamble, if any): the file meta group in explicit
    VR little endian, then the data set in the given encoding. Raises UnreadableFile if the
    file ends inside an element or the compressed pixel data is malformed."""
    with Path(path).open("rb") as f:
        size = f.seek(0, 2)
        f.seek(start)
        walker = _Walker(f, size)
        try:
            while True:  # file meta group (0002,xxxx), always explicit VR little endian
                position = f.tell()
                head = f.read(8)
                if len(head) < 8 or struct.unpack("<H", head[:2])[0] != 0x0002:
                    f.seek(position)
                    break
                f.seek(position)
                found = walker.header(False, "<")
                if found is None or found[2] == UNDEFINED:
                    raise UnreadableFile(DAMAGED)
                walker.skip(found[2])
            walker.dataset(implicit, "<" if little_endian else ">", 0, in_item=False)
        except _Cut as exc:
            if not walker.image_complete:
                raise UnreadableFile(str(exc)) from None
            walker.structure.cut_after_image = True  # e.g. trailing padding: the image is whole
        except struct.error as exc:
            raise UnreadableFile(DAMAGED) from exc
    return walker.structure
