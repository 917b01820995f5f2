"""redactie.toml: the reviewers' wording and comments of a round, as `mededeling
nalezing` writes it and staff may edit it by hand.

    [[alinea]]                    one per paragraph a reviewer changed
    sleutel = "3.1/oranje"        the paragraph's key (kerncijfers.json, 'alineas')
    berekend = "..."              the text mededeling made when it was edited
    tekst = "..."                 the reviewer's wording: the builds use it ("": deleted)
    door = "..."  wanneer = "..." bron = "nalezing/1-....docx"

    [[opmerking]]                 one per comment
    sleutel = "3.1/oranje"  auteur = "..."  datum = "..."  tekst = "..."
    afgehandeld = false           true once it was dealt with
    bron = "..."
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mededeling.core import model as m
from mededeling.core.problems import Collector
from mededeling.input.toml_file import key_lines, read_toml

FILE = "redactie.toml"
FOLDER = "nalezing"  # the reviewed copies, kept for the final


def _text(item: dict, key: str, label: str, where: str, problems: Collector,
          required: bool = True) -> str:
    value = item.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        problems.error(label, f"{where}: ‘{key}’ ontbreekt of is geen tekst", column=key,
                       expected=f'{key} = "..."')
        return ""
    return value


def read(folder: Path, problems: Collector) -> tuple[tuple[m.Edit, ...], tuple[m.Remark, ...]]:
    path = folder / FILE
    if not path.is_file():
        return (), ()
    label = f"{folder.name}/{FILE}"
    data = read_toml(path, label, problems)
    if data is None:
        return (), ()
    edits, remarks = [], []
    for i, item in enumerate(data.get("alinea", []) or [], start=1):
        if not isinstance(item, dict):
            continue
        where = f"alinea nr. {i}"
        # an empty tekst: the reviewers deleted the paragraph
        values = {k: _text(item, k, label, where, problems, k == "sleutel")
                  for k in ("sleutel", "berekend", "tekst", "door", "wanneer", "bron")}
        edits.append(m.Edit(values["sleutel"], values["berekend"], values["tekst"],
                            values["door"], values["wanneer"], values["bron"]))
    for i, item in enumerate(data.get("opmerking", []) or [], start=1):
        if not isinstance(item, dict):
            continue
        where = f"opmerking nr. {i}"
        done = item.get("afgehandeld", False)
        if not isinstance(done, bool):
            problems.error(label, f"{where}: afgehandeld is true of false", column="afgehandeld",
                           value=str(done), expected="afgehandeld = true (of false)")
            done = False
        values = {k: _text(item, k, label, where, problems, k == "tekst")
                  for k in ("sleutel", "auteur", "datum", "tekst", "bron")}
        remarks.append(m.Remark(values["sleutel"], values["auteur"], values["datum"],
                                values["tekst"], done, values["bron"]))
    keys = [e.key for e in edits]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.error(label, "deze alinea staat er meer dan eens in", column="sleutel",
                       value=key, expected="één [[alinea]] per sleutel")
    problems.locate(label, key_lines(path))
    return tuple(edits), tuple(remarks)


def _s(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def dumps(meetmoment: str, edits: tuple[m.Edit, ...], remarks: tuple[m.Remark, ...]) -> str:
    lines = [f"# Nalezing van de mededeling van {meetmoment}, bijgehouden door "
             "'mededeling nalezing'.",
             "# Een [[alinea]] vervangt de tekst die mededeling maakt (verwijder het blok om de",
             "# berekende tekst terug te krijgen); zet afgehandeld = true bij een behandelde",
             "# opmerking. Elke vorige versie van dit bestand staat in nalezing/.", ""]
    for e in edits:
        lines += ["[[alinea]]", f"sleutel = {_s(e.key)}", f"berekend = {_s(e.generated)}",
                  f"tekst = {_s(e.text)}", f"door = {_s(e.by)}", f"wanneer = {_s(e.when)}",
                  f"bron = {_s(e.source)}", ""]
    for r in remarks:
        lines += ["[[opmerking]]", f"sleutel = {_s(r.key)}", f"auteur = {_s(r.author)}",
                  f"datum = {_s(r.date)}", f"tekst = {_s(r.text)}",
                  f"afgehandeld = {'true' if r.done else 'false'}", f"bron = {_s(r.source)}", ""]
    return "\n".join(lines)
