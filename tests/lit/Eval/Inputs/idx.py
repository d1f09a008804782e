"""Writes an IDX file of unsigned bytes: idx.py OUT DIMS VALUES [--gz].

DIMS and VALUES are comma-separated; OUT ending in .gz is gzip-compressed.
"""
import gzip
import struct
import sys

out, dims, values = sys.argv[1], sys.argv[2], sys.argv[3]
dims = [int(d) for d in dims.split(",")]
data = bytes(int(v) for v in values.split(",")) if values else b""
raw = bytes([0, 0, 8, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + data
with (gzip.open if out.endswith(".gz") else open)(out, "wb") as f:
    f.write(raw)
