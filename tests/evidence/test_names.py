"""Filenames are never paths: what the person's file was called only names the download."""

from hypothesis import given
from hypothesis import strategies as st

from interview.evidence import services, storage


@given(st.text(max_size=400), st.sampled_from(["pdf", "jpg", "png", "webp"]))
def test_display_names_are_plain_names_with_the_detected_extension(filename, extension):
    name = services.display_name(filename, extension)
    assert "/" not in name and "\\" not in name
    assert not any(ord(c) < 32 or c == "\x7f" for c in name)
    assert name.endswith(f".{extension}")
    assert name not in (f".{extension}", f"..{extension}")
    assert not name.startswith(".")
    assert len(name) <= services.MAX_ORIGINAL_NAME


def test_traversal_and_windows_paths_keep_only_the_last_part():
    assert services.display_name("../../etc/passwd", "pdf") == "passwd.pdf"
    assert services.display_name("C:\\Users\\me\\Receipt.PDF", "pdf") == "Receipt.pdf"
    assert services.display_name("..", "png") == "file.png"
    assert services.display_name("", "png") == "file.png"


def test_stored_names_are_random_and_fixed_shape():
    names = {storage.new_name() for _ in range(50)}
    assert len(names) == 50
    for name in names:
        assert (
            name.startswith("evidence/") and name.endswith(".bin") and len(name) == len("evidence/") + 32 + 4
        )
