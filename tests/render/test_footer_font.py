"""The page numbers' font of a merged PDF, kept in a build's store: a rebuild in a new
process takes it from there instead of importing fontTools and subsetting Carlito."""

from __future__ import annotations

from mededeling.render import assemble
from mededeling.render.cache import Cache


def test_the_footer_font_comes_back_from_the_store_as_it_was_made(tmp_path, monkeypatch):
    monkeypatch.setattr(assemble, "_FONT", [])  # a process that has not made it yet
    store = Cache(tmp_path / "store")
    assemble.warm_up(store)
    made = assemble._FONT[0]  # noqa: SLF001
    assert made.program.startswith(b"\x00\x01\x00\x00") and set(made.widths) == set(
        assemble.FOOTER_GLYPHS)
    assert store.misses == 1 and store.hits == 0

    monkeypatch.setattr(assemble, "_FONT", [])  # the next build's process
    again = Cache(tmp_path / "store")
    assemble.warm_up(again)
    assert again.hits == 1
    assert assemble._FONT[0] == made  # noqa: SLF001


def test_a_damaged_entry_in_the_store_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setattr(assemble, "_FONT", [])
    store = Cache(tmp_path / "store")
    assemble.warm_up(store)
    made = assemble._FONT[0]  # noqa: SLF001
    for entry in (tmp_path / "store").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"niet wat er stond")
    monkeypatch.setattr(assemble, "_FONT", [])
    assemble.warm_up(Cache(tmp_path / "store"))
    assert assemble._FONT[0] == made  # noqa: SLF001
