"""Bad files are refused with a message before anything is stored; photos lose their EXIF (GPS included)."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from interview.evidence import checks
from interview.evidence.models import Evidence
from tests.evidence import files

pytestmark = pytest.mark.django_db


def stored_objects(settings) -> list:
    from pathlib import Path

    root = Path(settings.STORAGES["evidence"]["OPTIONS"]["location"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00 an executable renamed receipt.pdf", "type"),
        (b"<html><script>alert(1)</script></html>", "type"),
        (b"GIF89a" + b"\x00" * 40, "type"),  # a GIF header but not a decodable image
        (b"%PDF-1.7\n this is not really a pdf", "broken_pdf"),
        (files.jpeg()[:200], "broken_image"),  # an upload cut off halfway
        (files.png()[:-30], "broken_image"),
    ],
    ids=["empty", "exe", "html", "fake-gif", "fake-pdf", "truncated-jpeg", "truncated-png"],
)
def test_files_that_are_not_what_they_claim_are_refused(alex, make_return, attach, settings, data, code):
    tax_return = make_return(alex)
    with pytest.raises(ValidationError) as refused:
        attach(tax_return, data=data, filename="receipt.pdf")
    assert refused.value.code == code
    assert Evidence.objects.count() == 0
    assert stored_objects(settings) == []


def test_other_image_formats_are_refused_even_when_pillow_reads_them(alex, make_return, attach):
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "BMP")
    with pytest.raises(ValidationError, match="not a photo or scan"):
        attach(make_return(alex), data=out.getvalue(), filename="scan.bmp")


def test_password_protected_pdf_is_refused_with_its_own_message(alex, make_return, attach):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ValidationError, match="password-protected"):
        attach(make_return(alex), data=out.getvalue(), filename="statement.pdf")


def test_a_file_over_the_per_file_limit_is_refused(alex, make_return, attach, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = 1000
    big = files.pdf(pages=20)
    assert len(big) > 1000
    with pytest.raises(ValidationError) as refused:
        attach(make_return(alex), data=big, filename="big.pdf")
    assert refused.value.code == "too_big"
    assert (
        "1000" in refused.value.messages[0]
        or "1,000" in refused.value.messages[0]
        or "KB" in str(refused.value)
    )


def test_the_per_return_limit_counts_every_file_of_the_return(alex, make_return, attach, settings):
    one = files.pdf()
    settings.EVIDENCE_MAX_RETURN_BYTES = 2 * len(one) + 10  # room for two, not three
    tax_return, other = make_return(alex), make_return(alex, name="Other")
    attach(tax_return, data=one, filename="a.pdf")
    attach(tax_return, data=one, filename="b.pdf")
    with pytest.raises(ValidationError) as refused:
        attach(tax_return, data=one, filename="c.pdf")
    assert refused.value.code == "return_full"
    assert Evidence.objects.filter(tax_return=tax_return).count() == 2
    attach(other, data=one, filename="c.pdf")  # another return has its own allowance


def test_too_many_pixels_is_refused_before_decoding(alex, make_return, attach, monkeypatch):
    monkeypatch.setattr(checks, "MAX_PIXELS", 100)
    with pytest.raises(ValidationError, match="too many pixels"):
        attach(make_return(alex), data=files.png(size=(20, 20)), filename="bomb.png")


def test_gps_location_and_other_exif_are_stripped_from_photos(alex, make_return, attach):
    original = files.jpeg(gps=True)
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(files.GPS_IFD), "the test photo must carry a location"
    item = attach(make_return(alex), target="exclusive_use", data=original, filename="office.jpg")
    from interview.evidence.storage import evidence_storage

    kept = evidence_storage().read(item.stored_name)
    with Image.open(io.BytesIO(kept)) as after:
        assert after.format == "JPEG"
        assert after.size == (64, 48)
        assert not after.getexif().get_ifd(files.GPS_IFD)
        assert len(after.getexif()) == 0
    assert b"PhoneMaker" not in kept
    assert item.content_type == "image/jpeg"


def test_photos_are_turned_upright_before_the_exif_goes(alex, make_return, attach):
    # Orientation 6: the camera held sideways; the stored pixels must be rotated instead.
    item = attach(make_return(alex), data=files.jpeg(size=(64, 48), orientation=6), filename="side.jpg")
    from interview.evidence.storage import evidence_storage

    with Image.open(io.BytesIO(evidence_storage().read(item.stored_name))) as after:
        assert after.size == (48, 64)


def test_png_text_chunks_are_dropped(alex, make_return, attach):
    item = attach(make_return(alex), data=files.png(text="home address 12 Elm St"), filename="plan.png")
    from interview.evidence.storage import evidence_storage

    assert b"Elm St" not in evidence_storage().read(item.stored_name)


def test_type_comes_from_the_content_not_the_name(alex, make_return, attach):
    item = attach(make_return(alex), data=files.pdf(), filename="photo.jpg")
    assert item.content_type == "application/pdf"
    assert item.original_name == "photo.pdf"


def test_webp_is_accepted_and_re_encoded(alex, make_return, attach):
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGB", (30, 20), (1, 2, 3)).save(out, "WEBP", exif=exif)
    assert b"PhoneMaker" in out.getvalue()
    item = attach(make_return(alex), target="exclusive_use", data=out.getvalue(), filename="desk.webp")
    from interview.evidence.storage import evidence_storage

    kept = evidence_storage().read(item.stored_name)
    assert item.content_type == "image/webp"
    assert b"PhoneMaker" not in kept


def test_an_upload_cut_off_mid_request_leaves_nothing_behind(client, alex, make_return, settings):
    """The connection drops halfway through the file: the body ends without its closing boundary."""
    from django.urls import reverse

    client.force_login(alex)
    tax_return = make_return(alex)
    boundary = "----cut-off-boundary"
    photo = files.jpeg(size=(300, 200))
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="target"\r\n\r\nexclusive_use\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="desk.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode() + photo[: len(photo) // 2]
    response = client.generic(
        "POST",
        reverse("interview:evidence", args=[tax_return.pk]),
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    # Django drops a file part that never ended: the field says to choose the file again.
    assert response.status_code == 200
    assert "did not arrive whole" in response.content.decode()
    assert not Evidence.objects.exists()
    assert stored_objects(settings) == []
