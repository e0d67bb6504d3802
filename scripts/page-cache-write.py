#!/usr/bin/env python3
"""Cost of writing a large file through the page cache, plainly or streamed (Linux only).

Usage: python3 scripts/page-cache-write.py [MB] [DIR]     (default 2000 MB in $TMPDIR or /tmp)

Writes MB megabytes in 1 MB writes and syncs them, twice: plainly, then the way
src/report/streaming.rs writes the report and the spill files (every 8 MB, start the chunk's
write-back with sync_file_range and drop an earlier chunk with POSIX_FADV_DONTNEED). Prints
wall and kernel seconds of each. On a VM whose host backs guest memory lazily, the plain write
spends most of its time faulting in fresh pages; docs/PERFORMANCE.md quotes this script.
"""
import ctypes
import os
import sys
import tempfile
import time

SYNC_FILE_RANGE_WRITE = 2
CHUNK = 8 << 20
IN_FLIGHT = 4


def write(path, megabytes, streamed):
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.sync_file_range.argtypes = [ctypes.c_int, ctypes.c_longlong, ctypes.c_longlong, ctypes.c_uint]
    block = b"x" * (1 << 20)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    before = os.times()
    start = time.time()
    written, started, in_flight = 0, 0, []
    for _ in range(megabytes):
        os.write(fd, block)
        written += len(block)
        if streamed and written - started >= CHUNK:
            libc.sync_file_range(fd, started, written - started, SYNC_FILE_RANGE_WRITE)
            in_flight.append((started, written - started))
            if len(in_flight) > IN_FLIGHT:
                offset, length = in_flight.pop(0)
                os.posix_fadvise(fd, offset, length, os.POSIX_FADV_DONTNEED)
            started = written
    os.fsync(fd)
    wall = time.time() - start
    kernel = os.times().system - before.system
    os.close(fd)
    os.unlink(path)
    return wall, kernel


def main():
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    directory = sys.argv[2] if len(sys.argv) > 2 else tempfile.gettempdir()
    path = os.path.join(directory, f"calque-page-cache-{os.getpid()}.tmp")
    for name, streamed in [("plain", False), ("streamed", True)]:
        wall, kernel = write(path, megabytes, streamed)
        print(f"{name:<9} {megabytes} MB: {wall:.2f} s wall, {kernel:.2f} s kernel")


if __name__ == "__main__":
    main()
