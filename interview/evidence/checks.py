"""Bad files: refused with a message for the person, before anything is stored.

The type comes from the content, never the name or the browser's claim: an image must decode with Pillow
(JPEG, PNG or WebP), a PDF must open with pypdf. Photos are re-encoded from their pixels, which drops EXIF
(camera, time and GPS location) and any other metadata, after turning them upright by their EXIF orientation.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
PDF = ("application/pdf", "pdf")
# A photo from a phone is 12-50 megapixels; more than this is a decompression bomb, not a photo.
MAX_PIXELS = 80_000_000
ACCEPTED = "a photo or scan (JPEG, PNG or WebP) or a PDF"


@dataclass(frozen=True)
class CleanFile:
    data: bytes
    content_type: str
    extension: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def max_file_bytes() -> int:
    return int(settings.EVIDENCE_MAX_FILE_BYTES)


def max_return_bytes() -> int:
    return int(settings.EVIDENCE_MAX_RETURN_BYTES)


def too_big_message() -> str:
    return f"This file is larger than {filesizeformat(max_file_bytes())}, the most one file may be."


def clean_upload(data: bytes) -> CleanFile:
    """The file as it will be stored, or ValidationError with a message for the field."""
    if not data:
        raise ValidationError("This file is empty.", code="empty")
    if len(data) > max_file_bytes():
        raise ValidationError(too_big_message(), code="too_big")
    if data.startswith(b"%PDF-"):
        return _clean_pdf(data)
    return _clean_image(data)


def _refuse(code: str = "type") -> ValidationError:
    return ValidationError(f"This file is not {ACCEPTED}, so it was not attached.", code=code)


def _clean_pdf(data: bytes) -> CleanFile:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about harmless quirks of real-world PDFs
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ValidationError(
                    "This PDF is password-protected. Save a copy without the password and attach that.",
                    code="encrypted_pdf",
                )
            if len(reader.pages) < 1:
                raise _refuse("empty_pdf")
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, OSError, RecursionError):
        raise _refuse("broken_pdf") from None
    return CleanFile(data, *PDF)


def _clean_image(data: bytes) -> CleanFile:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                if fmt not in IMAGE_FORMATS:
                    raise _refuse()
                if probe.width * probe.height > MAX_PIXELS:
                    raise ValidationError(
                        "This image has too many pixels to be a photo or scan. Attach a smaller copy.",
                        code="too_many_pixels",
                    )
                probe.verify()  # structure and checksums; the image must then be opened again
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # decode every pixel: a truncated file fails here
                upright = ImageOps.exif_transpose(image)
                return _reencode(upright, fmt)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse() from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise _refuse("broken_image") from None


def _reencode(image, fmt: str) -> CleanFile:
    """Only the pixels survive: no EXIF, XMP, ICC-embedded text or PNG text chunks are passed to save()."""
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=90, optimize=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=False)
    else:
        image.save(out, "WEBP", quality=90)
    content_type, extension = IMAGE_FORMATS[fmt]
    return CleanFile(out.getvalue(), content_type, extension)
