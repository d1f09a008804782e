"""Rewrites a format version 2 image as version 1 did it, from the layout in
docs/image-format.md: no target section (kind 10), inputs without their shape
fields. usage: to_v1.py IN.simg OUT.simg"""
import struct
import sys
import zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"SPIKEIMG" and struct.unpack_from("<I", data, 8)[0] == 2
count = struct.unpack_from("<I", data, 12)[0]
sections = {}
for i in range(count):
    kind, _, off, size = struct.unpack_from("<IIQQ", data, 24 + 24 * i)
    sections[kind] = data[off:off + size]


def strip_shapes(sec):
    """Section 8 without each input's rank and dimensions."""
    out, pos = bytearray(sec[:4]), 4
    for _ in range(struct.unpack_from("<I", sec, 0)[0]):
        n = struct.unpack_from("<I", sec, pos)[0]
        out += sec[pos:pos + 4 + n + 4]            # name, width
        width = struct.unpack_from("<I", sec, pos + 4 + n)[0]
        pos += 4 + n + 4
        rank = struct.unpack_from("<I", sec, pos)[0]
        pos += 4 + 4 * rank                        # skipped: the shape
        start = pos
        k = struct.unpack_from("<I", sec, pos)[0]  # encoder kind
        pos += 4 + k
        attrs = struct.unpack_from("<I", sec, pos)[0]
        pos += 4
        for _ in range(attrs):
            a = struct.unpack_from("<I", sec, pos)[0]
            pos += 4 + a + 1 + 8
        dests = struct.unpack_from("<I", sec, pos)[0]
        pos += 4 + 4 * (width + 1) + 8 * dests
        out += sec[start:pos]
    return bytes(out)


sections[8] = strip_shapes(sections[8])
kinds = list(range(1, 10))
table_end = 24 + 24 * len(kinds)
size = table_end + sum(len(sections[k]) for k in kinds) + 4
out = bytearray(b"SPIKEIMG" + struct.pack("<IIQ", 1, len(kinds), size))
off = table_end
for k in kinds:
    out += struct.pack("<IIQQ", k, 0, off, len(sections[k]))
    off += len(sections[k])
for k in kinds:
    out += sections[k]
out += struct.pack("<I", zlib.crc32(bytes(out)))
open(sys.argv[2], "wb").write(bytes(out))
