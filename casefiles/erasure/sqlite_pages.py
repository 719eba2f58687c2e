"""SQLite's database file read as bytes (https://sqlite.org/fileformat2.html): where deleted content
could still lie once the write-ahead log is empty.

`secure_delete` zeroes a deleted row's cell and every page it frees, but SQLite does not zero the
unallocated space of a page it rebuilds when rows move between pages: a copy of a row that has since
moved, then been deleted elsewhere, can stay there. So this reads every page of every b-tree (found from
the roots in sqlite_schema) and the free list, and hands back the free space: each page of the free list
(which must be all zeros, but for a trunk's page numbers), and in every b-tree page its free blocks and
the unallocated area between its cell pointers and its cells. Live cells are the rows the queries see;
overflow pages (the continuation of long values) are not read.
"""

import mmap
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

INTERIOR = (2, 5)  # index and table interior pages: they point to children
BTREE = (2, 5, 10, 13)


@dataclass
class FreeSpace:
    pages: int = 0  # pages in the file
    free_pages: int = 0
    free_pages_not_zero: int = 0  # free pages with a non-zero byte: deleted without secure_delete
    regions: list[bytes] = field(default_factory=list)  # non-zero free space of b-tree pages and free pages

    def holds(self, needles: set[bytes], width: int) -> set[bytes]:
        """Which of `needles` (each `width` bytes) appear in the free space."""
        found: set[bytes] = set()
        if not needles:
            return found
        for region in self.regions:
            for start in range(len(region) - width + 1):
                if (window := region[start:start + width]) in needles:
                    found.add(window)
        return found


def free_space(path: Path, roots: list[int]) -> FreeSpace:
    """Read the file at `path` (its write-ahead log emptied first) with the b-trees rooted at `roots`; mapped,
    not loaded, so that a large file costs no more memory than its free space."""
    with path.open("rb") as stream:
        if os.fstat(stream.fileno()).st_size == 0:
            return FreeSpace()
        with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return _read(mapped, roots)


def _read(data: mmap.mmap, roots: list[int]) -> FreeSpace:
    size = struct.unpack(">H", data[16:18])[0]
    size = 65536 if size == 1 else size
    reserved = data[20]
    result = FreeSpace(pages=len(data) // size)

    def page(number: int) -> bytes:
        return data[(number - 1) * size:number * size]

    seen: set[int] = set()
    stack = [1, *roots]
    while stack:
        number = stack.pop()
        if number in seen or not 0 < number <= result.pages:
            continue
        seen.add(number)
        content = page(number)
        header = 100 if number == 1 else 0
        kind = content[header]
        if kind not in BTREE:
            continue
        cells, content_start = struct.unpack(">HH", content[header + 3:header + 7])
        pointers = header + (12 if kind in INTERIOR else 8)
        if kind in INTERIOR:
            stack.append(struct.unpack(">I", content[header + 8:header + 12])[0])
            for i in range(cells):
                offset = struct.unpack(">H", content[pointers + 2 * i:pointers + 2 * i + 2])[0]
                stack.append(struct.unpack(">I", content[offset:offset + 4])[0])
        _keep(result, content[pointers + 2 * cells:content_start or 65536])
        block = struct.unpack(">H", content[header + 1:header + 3])[0]
        while block and block < size - reserved:
            following, length = struct.unpack(">HH", content[block:block + 4])
            _keep(result, content[block + 4:block + length])
            block = following
    trunk = struct.unpack(">I", data[32:36])[0]
    while trunk and trunk not in seen:
        seen.add(trunk)
        content = page(trunk)
        following, leaves = struct.unpack(">II", content[:8])
        result.free_pages += 1 + leaves
        # Past its count a trunk keeps the numbers of the leaves since taken back into use: bookkeeping,
        # unless a word is no page number at all.
        tail = content[8 + 4 * leaves:size - reserved]
        words = struct.unpack(f">{len(tail) // 4}I", tail[:len(tail) // 4 * 4])
        if any(word > result.pages for word in words):
            _keep_free(result, tail)
        for i in range(leaves):
            _keep_free(result, page(struct.unpack(">I", content[8 + 4 * i:12 + 4 * i])[0]))
        trunk = following
    return result


def _keep(result: FreeSpace, region: bytes) -> None:
    if region.count(0) != len(region):
        result.regions.append(region)


def _keep_free(result: FreeSpace, region: bytes) -> None:
    if region.count(0) != len(region):
        result.free_pages_not_zero += 1
        result.regions.append(region)
