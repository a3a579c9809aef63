"""Copying files inside the kernel where Linux can (copy_file_range, as `cp` does; elsewhere
the standard library's portable copy), and a small program that copies a list of files so:
the export runs it beside itself, so imaging studies are copied on one core while REVIEW.PDF
and the metadata are written on the other.

Standard library only: the program starts without importing recordorg (`python -I -S`).
Its input (stdin) is records "source NUL target NUL size NUL"; its output is lines
"done N" as it goes, and on a failure one line "error ERRNO N MESSAGE" (N: the index of
the file that failed), after which it stops with status 1. It also stops, between two
files, when the process that started it is gone.
"""

from __future__ import annotations

import os
import shutil
import sys

CHUNK = 1024 * 1024
REPORT_EVERY = 25  # files between two "done" lines


def _kernel_copy(source_fd: int, target_fd: int, size: int) -> int:
    """Copy `size` bytes from the start of one file to another, the fastest way this
    system has: inside the kernel on Linux (copy_file_range, else sendfile), else through
    the standard library's portable copy; returns the bytes copied."""
    if sys.platform.startswith("linux"):
        done = _inside_the_kernel(source_fd, target_fd, size)
        if done is not None:
            return done
        os.lseek(target_fd, 0, os.SEEK_SET)
        os.ftruncate(target_fd, 0)
    return _portable_copy(source_fd, target_fd)


def _inside_the_kernel(source_fd: int, target_fd: int, size: int) -> int | None:
    """Linux: copy_file_range, else sendfile; None if neither works on these files."""
    if not sys.platform.startswith("linux"):
        return None
    for copy in (_copy_file_range, _sendfile):
        done = 0
        try:
            while done < size:
                sent = copy(source_fd, target_fd, size - done, done)
                if sent == 0:
                    break
                done += sent
            return done
        except (AttributeError, OSError):
            os.lseek(target_fd, 0, os.SEEK_SET)
            os.ftruncate(target_fd, 0)
    return None


def _copy_file_range(source_fd: int, target_fd: int, count: int, offset: int) -> int:
    if not sys.platform.startswith("linux"):
        raise AttributeError("copy_file_range")
    return os.copy_file_range(source_fd, target_fd, count, offset)


def _sendfile(source_fd: int, target_fd: int, count: int, offset: int) -> int:
    if sys.platform == "win32":
        raise AttributeError("sendfile")
    return os.sendfile(target_fd, source_fd, offset, count)


def _portable_copy(source_fd: int, target_fd: int) -> int:
    """Copy the whole of one open file into another through the standard library."""
    os.lseek(source_fd, 0, os.SEEK_SET)
    # Buffered files: a raw write may write part of a chunk (a disk filling up), which
    # copyfileobj would not notice; a buffered one writes it all or raises (ENOSPC).
    with (
        open(source_fd, "rb", closefd=False) as source,
        open(target_fd, "wb", closefd=False) as target,
    ):
        shutil.copyfileobj(source, target, CHUNK)
        target.flush()
        return target.tell()


def create_new(target: str | os.PathLike[str]) -> int:
    """Open a new file for writing (its folders made as needed); never follows a link or
    overwrites a file that is there."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    flags = (
        os.O_WRONLY
        | os.O_CREAT
        | os.O_EXCL
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_BINARY", 0)
    )
    return os.open(target, flags, 0o644)


def copy_file(source: str | os.PathLike[str], target: str | os.PathLike[str], size: int) -> None:
    """Copy a file of known size to a new file, or raise OSError."""
    source_fd = os.open(source, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        target_fd = create_new(target)
        try:
            copied = _kernel_copy(source_fd, target_fd, size)
        finally:
            os.close(target_fd)
    finally:
        os.close(source_fd)
    if copied != size:
        raise OSError(0, f"copied {copied} of {size} bytes (the file changed size)", target)


def read_jobs(data: bytes) -> list[tuple[bytes, bytes, int]]:
    """The (source, target, size) records of the program's input."""
    fields = data.split(b"\0")
    if fields and fields[-1] == b"":
        fields.pop()
    if len(fields) % 3:
        raise ValueError("the list of files to copy is cut short")
    return [(fields[i], fields[i + 1], int(fields[i + 2])) for i in range(0, len(fields), 3)]


def encode_jobs(jobs: list[tuple[str | os.PathLike[str], str | os.PathLike[str], int]]) -> bytes:
    """The program's input for a list of (source, target, size)."""
    return b"".join(
        os.fsencode(s) + b"\0" + os.fsencode(t) + b"\0" + str(n).encode() + b"\0"
        for s, t, n in jobs
    )


def parent_alive(parent: int) -> bool:
    """Whether the process that started this one still runs: on Windows, where a process
    left behind keeps its parent's number, by asking for that process; elsewhere a process
    left behind is handed to another parent."""
    if sys.platform == "win32":
        import ctypes

        synchronize, wait_timeout = 0x00100000, 0x102
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(synchronize, False, parent)
        if not handle:
            return False
        try:
            return kernel32.WaitForSingleObject(handle, 0) == wait_timeout
        finally:
            kernel32.CloseHandle(handle)
    return os.getppid() == parent


def main() -> int:
    jobs = read_jobs(sys.stdin.buffer.read())
    out = sys.stdout
    parent = os.getppid()
    for index, (source, target, size) in enumerate(jobs):
        if not parent_alive(parent):
            return 1  # the export was killed: write nothing more into its folder
        try:
            copy_file(source, target, size)
        except OSError as error:
            message = (error.strerror or str(error)).replace("\n", " ")
            out.write(f"error {error.errno or 0} {index} {message}\n")
            out.flush()
            return 1
        if (index + 1) % REPORT_EVERY == 0 or index + 1 == len(jobs):
            out.write(f"done {index + 1}\n")
            out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
