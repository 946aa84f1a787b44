#!/usr/bin/env python3
"""The photos of the benchmark's `photos` corpus.

    python3 bench/photos.py N OUT_DIR

Writes N phone-like JPEGs of 12 megapixels (4000 × 3000 upright, stored
3000 × 4000 with EXIF orientation 6, GPS, XMP, IPTC) with
tests/fixtures/photos/make_photos.py --bench, then rewrites each file's
EXIF block as a phone writes it. piexif, which make_photos.py used, leaves
out the "next IFD" offset after the Exif and GPS sub-IFDs, so a strict
reader takes the first bytes of the values for one: kamadak-exif, which Zola
uses without its lenient mode, then rejects the whole block ("Unexpected
next IFD") and Zola publishes the photo lying on its side. Pillow writes the
same tags with the offset (0); the pixels, XMP and IPTC are not touched.

Files already in OUT_DIR (from an earlier run, or from make_photos.py
--bench N OUT_DIR) are kept, their EXIF block rewritten if need be. Needs
Pillow (pip install pillow; run.sh also installs piexif, which older
versions of make_photos.py needed).
"""
import io
import os
import struct
import sys

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "fixtures", "photos"))
import make_photos  # noqa: E402


def segments(data):
    """(start, end, marker) of each JPEG segment before the scan."""
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xDA:
            return
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        yield pos, pos + 2 + length, marker
        pos += 2 + length


def well_formed_exif(data):
    """`data` with its EXIF block written again by Pillow."""
    exif = Image.open(io.BytesIO(data)).getexif()
    for pointer in (0x8769, 0x8825):  # Exif and GPS sub-IFDs
        if pointer in exif:
            exif.get_ifd(pointer)
    payload = exif.tobytes()
    for start, end, marker in segments(data):
        if marker == 0xE1 and data[start + 4:start + 10] == b"Exif\x00\x00":
            app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
            return data[:start] + app1 + data[end:]
    raise ValueError("no EXIF block")


def main(count, out):
    os.makedirs(out, exist_ok=True)
    for i in range(count):
        # The names and pictures of make_photos.py --bench.
        path = os.path.join(out, f"zdjecie-{i + 1:03}.jpg")
        if os.path.exists(path):
            with open(path, "rb") as f:
                data = f.read()
        else:
            upright = make_photos.scene(4000, 3000, seed=100 + i)
            data = make_photos.phone_photo(upright, quality=92)
        fixed = well_formed_exif(data)
        if fixed != data or not os.path.exists(path):
            with open(path + ".tmp", "wb") as f:
                f.write(fixed)
            os.replace(path + ".tmp", path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(int(sys.argv[1]), sys.argv[2])
