"""Putting a long PDF together from chunks laid out in parallel.

WeasyPrint lays out about a dozen pages a second on one core; the global report has
hundreds. Its chunks are laid out by separate processes, then merged here: the pages
in order, the bookmarks rebuilt with their new page numbers, links between projects
pointed at their page in the merged file, and every page stamped "Pagina X van Y"
from an overlay that WeasyPrint renders too (so the stamp's font is embedded).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf

from mededeling.blocks import INTERNAL


@dataclass(frozen=True)
class ChunkInfo:
    pages: int
    anchors: dict[str, int]  # named destination -> page index within the chunk
    bookmarks: list[tuple[str, int, int]]  # (title, level, page index), in order


def _dests(pdf: Pdf) -> dict[str, tuple]:
    """Named destinations of a WeasyPrint PDF: name -> (page object, x, y)."""
    out: dict[str, tuple] = {}
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return out
    tree = pikepdf.NameTree(names.Dests)
    for key, value in tree.items():
        dest = value
        if isinstance(dest, Dictionary):
            dest = dest.D
        out[str(key)] = tuple(dest)
    return out


def _page_index(pdf: Pdf) -> dict[tuple[int, int], int]:
    return {p.obj.objgen: i for i, p in enumerate(pdf.pages)}


def inspect(data: bytes) -> ChunkInfo:
    """What a chunk holds: its page count, anchors and bookmarks (for the table of contents)."""
    with Pdf.open(io.BytesIO(data)) as pdf:
        index = _page_index(pdf)
        anchors = {name: index[dest[0].objgen] for name, dest in _dests(pdf).items()
                   if dest[0].objgen in index}
        marks: list[tuple[str, int, int]] = []
        with pdf.open_outline() as outline:
            def walk(items, level):
                for item in items:
                    dest = item.destination
                    page = index.get(dest[0].objgen) if isinstance(dest, Array) else None
                    marks.append((item.title, level, page if page is not None else 0))
                    walk(item.children, level + 1)
            walk(outline.root, 1)
        return ChunkInfo(len(pdf.pages), anchors, marks)


def merge(parts: list[bytes], overlay: bytes | None) -> bytes:
    """Concatenate laid-out chunks into one PDF with working bookmarks, links and numbers.

    The first part (title page and contents) gives the document its metadata.
    """
    out = Pdf.open(io.BytesIO(parts[0]))
    first_pages = len(out.pages)
    infos = [inspect(p) for p in parts]
    sources = [Pdf.open(io.BytesIO(p)) for p in parts[1:]]
    offsets = [0]
    for info in infos:
        offsets.append(offsets[-1] + info.pages)
    for src in sources:
        out.pages.extend(src.pages)
    assert len(out.pages) == offsets[-1] and first_pages == infos[0].pages

    anchors: dict[str, int] = {}
    for info, offset in zip(infos, offsets):
        for name, page in info.anchors.items():
            anchors.setdefault(name, offset + page)

    # links: 'mededeling:VV056' URI actions become jumps to that project's page
    for page in out.pages:
        for annot in page.obj.get("/Annots", Array()):
            action = annot.get("/A")
            if action is None or action.get("/S") != Name.URI:
                continue
            uri = str(action.get("/URI", ""))
            if not uri.startswith(INTERNAL):
                continue
            target = anchors.get(uri[len(INTERNAL):])
            if target is None:
                del annot["/A"]
                continue
            annot.A = Dictionary(S=Name.GoTo, D=Array([out.pages[target].obj, Name.Fit]))

    # one outline for the whole document
    if "/Outlines" in out.Root:
        del out.Root["/Outlines"]
    with out.open_outline() as outline:
        outline.root.clear()
        stack: list[tuple[int, OutlineItem]] = []
        for info, offset in zip(infos, offsets):
            for title, level, page in info.bookmarks:
                item = OutlineItem(title, offset + page, "Fit")
                while stack and stack[-1][0] >= level:
                    stack.pop()
                (stack[-1][1].children if stack else outline.root).append(item)
                stack.append((level, item))
    if "/Names" in out.Root and "/Dests" in out.Root.Names:
        del out.Root.Names["/Dests"]

    if overlay is not None:
        stamp = Pdf.open(io.BytesIO(overlay))
        if len(stamp.pages) != len(out.pages):
            raise ValueError(f"paginanummers: {len(stamp.pages)} voor {len(out.pages)} pagina's")
        for target, source in zip(out.pages, stamp.pages):
            _stamp(out, target, source)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    for src in sources:
        src.close()
    out.close()
    return buffer.getvalue()


def _stamp(pdf: Pdf, target: pikepdf.Page, source: pikepdf.Page) -> None:
    """Draw `source` over `target` (same page size) under a fixed resource name.

    pikepdf's add_overlay names the resource at random, which would make two builds of
    the same round differ; this keeps them byte-identical.
    """
    form = pdf.copy_foreign(source.as_form_xobject())
    # WeasyPrint shares one resource dictionary between pages: give each page its own
    resources = Dictionary({k: v for k, v in target.obj.get("/Resources", Dictionary()).items()})
    xobjects = Dictionary({k: v for k, v in resources.get("/XObject", Dictionary()).items()})
    xobjects["/Paginanummer"] = form
    resources.XObject = xobjects
    target.obj.Resources = resources
    target.contents_coalesce()
    target.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    target.contents_add(pdf.make_stream(b"\nQ\nq /Paginanummer Do Q\n"))


def concatenate(parts: list[bytes]) -> bytes:
    """Pages of several PDFs, one after the other (the halves of a page-number overlay)."""
    if len(parts) == 1:
        return parts[0]
    out = Pdf.open(io.BytesIO(parts[0]))
    sources = [Pdf.open(io.BytesIO(p)) for p in parts[1:]]
    for src in sources:
        out.pages.extend(src.pages)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True)
    for src in sources:
        src.close()
    return buffer.getvalue()
