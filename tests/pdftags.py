"""What a screen reader relies on in a tagged PDF, checked with pikepdf (no veraPDF here):
one structure tree whose ParentTree answers every page and annotation, every element's
page in the document, and the elements' kinds counted."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pikepdf


def structure(pdf: pikepdf.Pdf) -> Counter:
    """The element kinds of the structure tree, after checking that the tree holds."""
    root = pdf.Root.StructTreeRoot
    assert pdf.Root.MarkInfo.Marked is True
    pages = {p.obj.objgen for p in pdf.pages}
    nums = list(root.ParentTree.Nums)
    keys = [int(k) for k in nums[0::2]]
    assert keys == sorted(set(keys)), "ParentTree keys unsorted or repeated"
    page_keys = [int(p.obj.StructParents) for p in pdf.pages]
    annot_keys = [int(a.StructParent) for p in pdf.pages
                  for a in p.obj.get("/Annots", []) if "/StructParent" in a]
    assert len(set(page_keys + annot_keys)) == len(page_keys) + len(annot_keys)
    assert set(page_keys + annot_keys) <= set(keys)
    assert int(root.get("/ParentTreeNextKey", max(keys) + 1)) > max(keys)
    (document,) = list(root.K)
    assert document.S == "/Document"
    kinds: Counter = Counter()
    stack = [(document, root)]
    while stack:
        element, parent = stack.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue  # a marked-content id
        if element.get("/Type") in ("/MCR", "/OBJR"):
            assert element.Pg.objgen in pages
            continue
        assert element.P.objgen == parent.objgen, "element not under its parent"
        if "/Pg" in element:
            assert element.Pg.objgen in pages
        kinds[str(element.S)] += 1
        if element.S == "/Figure":
            assert str(element.get("/Alt", "")).strip(), "figure without alt text"
        kids = element.get("/K", pikepdf.Array())
        for kid in reversed(list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
            stack.append((kid, element))
    return kinds


def tagged_text(path: Path) -> str:
    """The structure tree with the text of each element, as poppler reads it."""
    return subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                          check=True).stdout.decode()
