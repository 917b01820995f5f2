"""The staff's numbered lists stay numbered, each from 1, in Word, PDF and HTML (issue 13)."""

from __future__ import annotations

import re
import subprocess
import zipfile

from mededeling.cli import main
from roundkit import RoundSpec, projects_with, statuses, write_plan, write_round


def test_a_numbered_list_in_the_texts_is_numbered_from_one(tmp_path):
    inputs = tmp_path / "inputs"
    write_plan(inputs)
    projects = projects_with(*statuses(donkergroen=3))
    folder = write_round(inputs, RoundSpec(
        "2022-04-30", 4, projects, [(c, "donkergroen", "2022-Q1") for c, _ in projects],
        [(c, 1_000_000, 1_000, 10) for c, _ in projects],
        teksten={"communicatie": "Zo loopt de campagne:\n\n1. eerste stap\n2. tweede stap\n\n"
                                 "- een punt\n"}))
    assert main(["build", str(folder), "--out", str(tmp_path / "out")]) == 0
    built = tmp_path / "out" / "2022-04-30"
    with zipfile.ZipFile(built / "mededeling.docx") as z:
        body = z.read("word/document.xml").decode()
        numbering = z.read("word/numbering.xml").decode()
    steps = re.findall(r'<w:p><w:pPr><w:pStyle w:val="ListNumber"/><w:numPr><w:ilvl w:val="0"/>'
                       r'<w:numId w:val="(\d+)"/></w:numPr>', body)
    assert len(steps) == 2 + 2 and len(set(steps)) == 2  # the plan's speerpunten, the steps
    for num in set(steps):  # each list its own count, restarting at 1
        assert re.search(rf'<w:num w:numId="{num}"><w:abstractNumId w:val="\d+"/>'
                         r'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>', numbering)
    layout = subprocess.run(["pdftotext", "-layout", str(built / "mededeling.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert re.search(r"1\.\s+eerste stap\s+2\.\s+tweede stap", layout)
    html = (built / "mededeling.html").read_text(encoding="utf-8")
    assert re.search(r"<ol>\s*<li>eerste stap</li>\s*<li>tweede stap</li>\s*</ol>", html)
    assert re.search(r"<ul>\s*<li>een punt</li>", html)
