"""Putting a long PDF together from chunks laid out in parallel.

WeasyPrint lays out about a dozen pages a second on one core; the global report has
hundreds. Its chunks are laid out by separate processes, then merged here: the pages
in order, the bookmarks rebuilt with their new page numbers, links between projects
pointed at their page in the merged file, and every page stamped "Pagina X van Y" in
the body font, embedded as a small subset (so the finals stay PDF/A).
"""

from __future__ import annotations

import io
import json
from contextlib import ExitStack
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf

from mededeling.core.blocks import INTERNAL
from mededeling.render.cache import Cache, key


@dataclass(frozen=True)
class ChunkInfo:
    pages: int
    anchors: dict[str, int]  # named destination -> page index within the chunk
    bookmarks: list[tuple[str, int, int]]  # (title, level, page index), in order
    tagged: bool = False  # has a structure tree


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
        return ChunkInfo(len(pdf.pages), anchors, marks, "/StructTreeRoot" in pdf.Root)


# "Pagina X van Y" where WeasyPrint's footer margin box puts it (A4, margins of the CSS)
FOOTER_RIGHT = 595.276 - 70.866  # points: page width minus the 2,5 cm right margin
FOOTER_BASELINE = 28.93  # points above the bottom edge, measured on a page WeasyPrint made
FOOTER_SIZE = 9
FOOTER_GLYPHS = "Pagina van0123456789"
FOOTER_TAG = "MDDLNG"  # the subset's name prefix: fixed, so two builds are identical


@dataclass(frozen=True)
class _FooterFont:
    program: bytes  # the subset TrueType font
    widths: dict[str, float]  # per character, in 1/1000 of the font size
    first: int
    last: int
    bbox: tuple[int, int, int, int]
    name: str


_FONT: list[_FooterFont] = []  # made once per process (or taken from a build's store)


def _footer_font() -> _FooterFont:
    if not _FONT:
        _FONT.append(_subset_footer_font())
    return _FONT[0]


def _subset_footer_font() -> _FooterFont:
    """Carlito cut down to the glyphs of a page number, to embed once in a merged PDF.

    Stamping page numbers this way costs a few milliseconds for hundreds of pages, where
    laying out an overlay of hundreds of near-empty pages took WeasyPrint seconds.
    """
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    from mededeling.resources import font_path

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # Carlito's old 'created' date

    font = TTFont(font_path(), recalcTimestamp=False, lazy=True)
    options = subset.Options()
    options.layout_features = []
    # digits and two words need no shaping: without the layout tables the subset takes
    # 20 ms instead of 240 (of every build that merges)
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "kern"]
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=FOOTER_GLYPHS)
    subsetter.subset(font)
    units = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    widths = {ch: font["hmtx"][cmap[ord(ch)]][0] * 1000 / units for ch in set(FOOTER_GLYPHS)}
    head = font["head"]
    bbox = tuple(round(v * 1000 / units) for v in (head.xMin, head.yMin, head.xMax, head.yMax))
    out = io.BytesIO()
    font.save(out)
    codes = [ord(c) for c in FOOTER_GLYPHS]
    return _FooterFont(out.getvalue(), widths, min(codes), max(codes), bbox,  # type: ignore[arg-type]
                       f"{FOOTER_TAG}+{font['name'].getDebugName(6) or 'Carlito'}")


def _footer_font_object(pdf: Pdf) -> pikepdf.Object:
    f = _footer_font()
    program = pdf.make_stream(f.program)
    program.Length1 = len(f.program)
    descriptor = Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/" + f.name), Flags=32,
        FontBBox=Array(list(f.bbox)), ItalicAngle=0, Ascent=750, Descent=-250, CapHeight=632,
        StemV=80, FontFile2=program)
    widths = [round(f.widths.get(chr(code), 0)) for code in range(f.first, f.last + 1)]
    return pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/" + f.name),
        FirstChar=f.first, LastChar=f.last, Widths=Array(widths),
        Encoding=Name.WinAnsiEncoding, FontDescriptor=pdf.make_indirect(descriptor)))


def number_pages(pdf: Pdf) -> None:
    """Stamp 'Pagina X van Y' on every page, right-aligned in the footer."""
    font = _footer_font_object(pdf)
    widths = _footer_font().widths
    total = len(pdf.pages)
    for index, page in enumerate(pdf.pages, start=1):
        label = f"Pagina {index} van {total}"
        width = sum(widths[ch] for ch in label) * FOOTER_SIZE / 1000
        x = FOOTER_RIGHT - width
        stream = (f"/Artifact <</Type /Pagination /Subtype /Footer>> BDC "
                  f"q 0 g BT /Paginanummer {FOOTER_SIZE} Tf 1 0 0 1 {x:.3f} {FOOTER_BASELINE} Tm "
                  f"({label}) Tj ET Q EMC\n").encode("ascii")
        # WeasyPrint shares one resource dictionary between pages: give each page its own
        resources = Dictionary({k: v for k, v in page.obj.get("/Resources", Dictionary()).items()})
        fonts = Dictionary({k: v for k, v in resources.get("/Font", Dictionary()).items()})
        fonts["/Paginanummer"] = font
        resources.Font = fonts
        page.obj.Resources = resources
        page.contents_coalesce()
        page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
        page.contents_add(pdf.make_stream(b"\nQ\n" + stream))


def _elements(kids: pikepdf.Object) -> list[pikepdf.Object]:
    return list(kids) if isinstance(kids, Array) else [kids]


class _Tree:
    """One structure tree for the merged pages, built part by part: the children of each
    part's Document element, in order, under a single Document.

    Marked-content ids are per page, so they carry over as they are; the keys of each
    part's ParentTree (a page's /StructParents, an annotation's /StructParent) are
    shifted past the previous parts' keys. Each part's tree is copied after its pages,
    so the copy's /Pg and /Obj references land on the pages and annotations already in
    `out`. If any part is untagged, the result is untagged (a partial tree would tell a
    screen reader that the rest of the document is not there).
    """

    def __init__(self, out: Pdf, tagged: bool):
        self.out = out
        self.tagged = tagged
        self.nums: list = []
        self.shift = 0
        self.document = out.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, K=Array())) if tagged else None

    def add(self, part: Pdf, first: int, end: int) -> None:
        """The tree of `part`, whose pages are out.pages[first:end]."""
        if not self.tagged:
            return
        out, shift = self.out, self.shift
        root = part.Root.StructTreeRoot
        if part is not out:
            root = out.copy_foreign(root)
        entries = sorted(pikepdf.NumberTree(root.ParentTree).items())
        for key, value in entries:
            self.nums.extend((key + shift, value))
        for page in out.pages[first:end]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + shift
            for annot in page.obj.get("/Annots", Array()):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + shift
        for top in _elements(root.get("/K", Array())):
            kids = (_elements(top.get("/K", Array()))
                    if isinstance(top, Dictionary) and top.get("/S") == Name.Document else [top])
            for kid in kids:
                if isinstance(kid, Dictionary):
                    kid.P = self.document
                self.document.K.append(kid)
        self.shift = max(shift + int(root.get("/ParentTreeNextKey", 0)),
                         (entries[-1][0] + shift + 1) if entries else shift)

    def finish(self) -> None:
        out = self.out
        if not self.tagged:
            for key in ("/StructTreeRoot", "/MarkInfo"):
                if key in out.Root:
                    del out.Root[key]
            return
        tree_root = out.make_indirect(Dictionary(
            Type=Name.StructTreeRoot, K=Array([self.document]),
            ParentTree=out.make_indirect(Dictionary(Nums=Array(self.nums))),
            ParentTreeNextKey=self.shift))
        self.document.P = tree_root
        out.Root.StructTreeRoot = tree_root
        out.Root.MarkInfo = Dictionary(Marked=True)


_NOT_OWNED = frozenset({"/Parent", "/P", "/Pg"})  # up the document, not the page's own
_PAGES = (Name.Page, Name.Pages)  # a link's target is another page: not this one's to own


def _own_streams(pages: list) -> None:
    """Give the streams of pages copied from another PDF their data, so that PDF can be
    closed now instead of when the merged file is saved: pikepdf reads a copied
    stream's data from its source only then. Kept open, the 300 chunks of a round ten
    times the sample's took 1,8 GB; the data itself is a few dozen MB."""
    seen: set[tuple[int, int]] = set()
    stack = [page.obj for page in pages]
    while stack:
        obj = stack.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            obj.write(obj.read_raw_bytes(), filter=obj.get("/Filter"),
                      decode_parms=obj.get("/DecodeParms"))
        if isinstance(obj, (Dictionary, pikepdf.Stream)):
            children = [v for k, v in obj.items() if k not in _NOT_OWNED]
        elif isinstance(obj, Array):
            children = list(obj)
        else:
            continue
        stack.extend(v for v in children if isinstance(v, (Array, pikepdf.Stream))
                     or isinstance(v, Dictionary) and v.get("/Type") not in _PAGES)


def merge(parts: list[bytes], infos: list[ChunkInfo] | None = None) -> bytes:
    """Concatenate laid-out chunks into one PDF with working bookmarks, links and numbers.

    The first part (title page and contents) gives the document its metadata; `infos`
    are the parts' `inspect`, when the caller has them already.
    """
    with Pdf.open(io.BytesIO(parts[0])) as out:
        return _merged(out, parts, infos or [inspect(p) for p in parts])


def warm_up(store: Cache | None = None) -> None:
    """Make now what the merge needs whatever the parts (the page numbers' font), while
    the caller waits for the workers anyway. With a build's `store`, the font is kept
    there: fontTools' import and the subset took 0,1 s of a rebuild's main process."""
    if _FONT:
        return
    if store is None:
        _footer_font()
        return
    from mededeling.resources import font_path

    k = key("footer-font", font_path().read_bytes(), FOOTER_GLYPHS, FOOTER_TAG)
    kept = store.get("footer-font", k)
    font = _font_from(kept) if kept is not None else None
    if font is not None:
        _FONT.append(font)
    else:
        store.put("footer-font", k, _font_bytes(_footer_font()))


def _font_bytes(font: _FooterFont) -> bytes:
    """The font as plain data for the store, a line of JSON and then the font program:
    no pickle, which would run whatever a changed store file says."""
    head = {"widths": font.widths, "first": font.first, "last": font.last,
            "bbox": list(font.bbox), "name": font.name}
    return json.dumps(head, sort_keys=True).encode("utf-8") + b"\n" + font.program


def _font_from(data: bytes) -> _FooterFont | None:
    """The font kept by _font_bytes; None for anything else (it is made again)."""
    try:
        head, program = data.split(b"\n", 1)
        d = json.loads(head)
        return _FooterFont(program, {str(c): float(w) for c, w in d["widths"].items()},
                           int(d["first"]), int(d["last"]),
                           tuple(int(v) for v in d["bbox"]),  # type: ignore[arg-type]
                           str(d["name"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


OPEN_PARTS = 64  # up to this many parts stay open until the merged file is saved


def _merged(out: Pdf, parts: list[bytes], infos: list[ChunkInfo]) -> bytes:
    with ExitStack() as kept:
        return _merged_open(out, parts, infos, kept)


def _merged_open(out: Pdf, parts: list[bytes], infos: list[ChunkInfo],
                 kept: ExitStack) -> bytes:
    first_pages = len(out.pages)
    offsets = [0]
    for info in infos:
        offsets.append(offsets[-1] + info.pages)
    tree = _Tree(out, all(info.tagged for info in infos))
    tree.add(out, 0, first_pages)
    # a few dozen parts stay open until the save (pikepdf reads a copied stream's data
    # from its source then); of more, each one's copies own their data and it is closed
    # at once, so that memory does not grow with the round (_own_streams)
    own = len(parts) > OPEN_PARTS
    for data in parts[1:]:
        src = Pdf.open(io.BytesIO(data))
        if not own:
            kept.enter_context(src)
        first = len(out.pages)
        out.pages.extend(src.pages)
        tree.add(src, first, len(out.pages))
        if own:
            _own_streams(list(out.pages[first:]))
            src.close()
    tree.finish()
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

    number_pages(out)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()
