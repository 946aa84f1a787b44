#!/usr/bin/env python3
"""Checks what a tool published for the photos of a benchmark corpus.

    python3 bench/check-photos.py OUT_DIR PHOTOS

OUT_DIR is a build's output as bench/run.sh makes it (OUT_DIR/<site>/…,
for Tablica, Zola and Hugo alike). For every page with a <picture>, the
WebP files of its srcset and the <img> fallback are opened: each must
exist, be as wide as its srcset descriptor says, have the upright
proportions of the 4000 × 3000 source (landscape, 4:3), show the red
marker of make_photos.py's scene in its top-left corner (so it is upright,
not lying on its side), and carry no EXIF. PHOTOS pictures must be found,
each with the widths 480, 800, 1200, 1600 in WebP and one JPEG of 1600.
Needs Pillow.
"""
import html.parser
import os
import sys
from urllib.parse import urlsplit, unquote

from PIL import Image

WIDTHS = [480, 800, 1200, 1600]


class Pictures(html.parser.HTMLParser):
    """The (srcset, img src, width, height) of each <picture> of a page."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.srcset = None
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.inside, self.srcset = True, None
        elif tag == "source" and self.inside:
            self.srcset = attrs.get("srcset")
        elif tag == "img" and self.inside:
            self.found.append((self.srcset, attrs.get("src"), attrs.get("width"), attrs.get("height")))

    def handle_endtag(self, tag):
        if tag == "picture":
            self.inside = False


def resolve(out, page_dir, url):
    """The file a URL of a page in page_dir names, under the output root."""
    path = unquote(urlsplit(url).path)
    if urlsplit(url).scheme or path.startswith("/"):
        return os.path.join(out, path.lstrip("/"))
    return os.path.normpath(os.path.join(page_dir, path))


def check_image(path, width, fmt):
    """A list of problems with the published file `path`."""
    if not os.path.isfile(path):
        return [f"{path}: missing"]
    problems = []
    image = Image.open(path)
    if image.format != fmt:
        problems.append(f"{path}: {image.format}, not {fmt}")
    w, h = image.size
    if w != width:
        problems.append(f"{path}: {w} px wide, {width} expected")
    if abs(h - round(w * 3 / 4)) > 1:
        problems.append(f"{path}: {w} × {h}, not the 4:3 landscape of the upright photo")
    red, green, blue = image.convert("RGB").getpixel((w // 40, w // 40))[:3]
    if not (red > 150 and green < 90 and blue < 90):
        problems.append(f"{path}: top-left is {(red, green, blue)}, not the red marker: not upright")
    if image.getexif():
        problems.append(f"{path}: still has EXIF")
    return problems


def main(out, expected):
    pictures = problems = 0
    for root, _dirs, files in os.walk(out):
        for name in files:
            if not name.endswith(".html"):
                continue
            page = os.path.join(root, name)
            parser = Pictures()
            with open(page, encoding="utf-8") as f:
                parser.feed(f.read())
            for srcset, src, width, height in parser.found:
                pictures += 1
                found = []
                entries = [e.strip().rsplit(" ", 1) for e in (srcset or "").split(",") if e.strip()]
                widths = [int(w.rstrip("w")) for _, w in entries]
                if widths != WIDTHS:
                    found.append(f"{page}: srcset widths {widths}, {WIDTHS} expected")
                for url, w in entries:
                    found += check_image(resolve(out, root, url), int(w.rstrip("w")), "WEBP")
                found += check_image(resolve(out, root, src), 1600, "JPEG")
                if (width, height) != ("1600", "1200"):
                    found.append(f"{page}: <img> says {width} × {height}, 1600 × 1200 expected")
                for p in found:
                    print(p)
                problems += len(found)
    print(f"{out}: {pictures} pictures, {problems} problems")
    return 0 if pictures == expected and problems == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
