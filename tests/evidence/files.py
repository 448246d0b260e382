"""Small real files made on the fly: photos (with and without GPS EXIF), PNG scans, PDFs."""

import io

from PIL import Image
from pypdf import PdfWriter

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg(size=(64, 48), color=(200, 30, 30), gps=False, orientation=None) -> bytes:
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        # 40°26'46"N 79°58'56"W: where the photo was taken, the thing that must not leave the house.
        exif.get_ifd(GPS_IFD).update(
            {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)},
        )
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png(size=(40, 30), text: str | None = None) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    if text:
        info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def pdf(pages=1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
