"""The start page: every round with its state, and the form that adds a round."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from mededeling import rounds as r
from mededeling.core import dutch as nl
from mededeling.errors import FormErrors, Refused, Rejected, RoundExists
from mededeling.render.style import status_css
from mededeling.upload import add_round, meant, parse_form
from mededeling.web import pages
from mededeling.web.context import site

overview = Blueprint("overzicht", __name__)


def start_page(status: int = 200, **upload):
    s = site()
    running = s.builder.running()
    rows = [pages.round_row(s.checker.check(m), r.builds(s.out, m),
                            building=running is not None and running.meetmoment == m)
            for m in r.meetmomenten(s.inputs)]
    defaults = _form_defaults(s.checker, s.inputs)
    defaults.update(upload.pop("values", {}))
    return render_template("start.html", rows=rows, inputs=str(s.inputs), out=str(s.out),
                           has_plan=(s.inputs / "plan.toml").is_file(), values=defaults,
                           **upload), status


@overview.get("/kleuren.css")
def colours():
    return Response(status_css(element="") + "\n", mimetype="text/css")


@overview.get("/")
def start():
    return start_page()


@overview.post("/nieuw")
def upload():
    values = {k: request.form.get(k, "") for k in
              ("meetmoment", "meting", "naam", "functie", "taskforce_datum")}
    replace = request.form.get("vervangen") == "ja"
    sent = request.files.get("bestand")
    field_errors: dict[str, str] = {}
    try:
        form = parse_form(values)
    except FormErrors as errors:
        field_errors.update(errors.errors)
        form = None
    data = sent.read() if sent is not None else b""
    if not data:
        field_errors["bestand"] = "kies een Excel-werkmap (ronde.xlsx) of een ZIP-bestand"
    if field_errors or form is None:
        return start_page(422, values=values, field_errors=field_errors,
                          upload_message="Het formulier is niet volledig of niet juist "
                                         "ingevuld; er werd niets opgeslagen.")
    # only shown, never used as a path: the name as the user knows it, without folders
    label = ((sent.filename or "").replace("\\", "/").rsplit("/", 1)[-1]
             if sent is not None else "") or "het bestand"
    try:
        added = add_round(site().inputs, form, data, label, replace=replace,
                          guard=site().builder.quiet)
    except Rejected as rejected:
        return start_page(422, values=values, **_rejected(rejected, form.meetmoment.isoformat(),
                                                           label))
    except Refused as refused:
        return start_page(409, values=values, upload_message=(
            f"Geweigerd: {refused}. Er werd niets opgeslagen."))
    except RoundExists:
        return start_page(409, values=values, ask_replace=True,
                          upload_message=f"De meetronde {form.meetmoment.isoformat()} "
                          "bestaat al; er werd niets opgeslagen. Vink ‘Bestaande "
                          "meetronde vervangen’ aan en kies het bestand opnieuw om ze te "
                          "vervangen.")
    text = f"Meetronde {added.meetmoment} toegevoegd."
    if added.replaced is not None:
        text = (f"Meetronde {added.meetmoment} vervangen; de vorige versie is bewaard in "
                f"{added.replaced}.")
    flash(text, "ok")
    if added.ignored:
        flash(f"Niet overgenomen uit de ZIP: {pages.listing(added.ignored)}.", "let-op")
    # '#top': else the browser keeps the form's '#toevoegen' on the round's page
    return redirect(url_for("ronde.round_page", meetmoment=added.meetmoment) + "#top", 303)


def _rejected(rejected: Rejected, meetmoment: str, label: str) -> dict[str, object]:
    """What the page says of a refused upload, the cause first: a file of the ZIP under
    another name, or the errors of the previous round (to be fixed there, not in the
    upload), before the upload's own errors."""
    others = pages.other_rounds(rejected.problems, meetmoment)
    own = pages.own_problems(rejected.problems, meetmoment)
    renamed = meant(rejected.ignored)
    causes = [f"‘{entry}’ uit de ZIP werd niet gebruikt: is dat {name}? Geef het die naam "
              "en laad de ZIP opnieuw op." for entry, name in sorted(renamed.items())]
    if own:
        total = rejected.total - pages.counted(rejected.problems) + pages.counted(own) \
            if others else rejected.total
        message = (f"{label} bevat {nl.count(total, 'fout', 'fouten')}; er werd niets "
                   "opgeslagen. Verbeter het bestand en laad het opnieuw op.")
    else:
        message = (f"{label} is in orde, maar er werd niets opgeslagen: de vorige "
                   "meetronde bevat fouten.")
    return {"upload_message": message, "upload_causes": causes,
            "upload_previous": [{"meetmoment": m, "title": pages.title(m)} for m in others],
            "upload_problems": pages.problem_rows(own),
            "upload_ignored": pages.listing(rejected.ignored)}


def _form_defaults(checker: r.Checker, inputs: Path) -> dict[str, str]:
    """The upload form, filled in from the newest valid round: the next meting, the
    same signatory."""
    for meetmoment in r.meetmomenten(inputs):
        prep = checker.check(meetmoment).prepared
        if prep is not None:
            sign = prep.round.ondertekening
            return {"meetmoment": "", "meting": str(prep.round.meting + 1), "naam": sign.naam,
                    "functie": sign.functie, "taskforce_datum": ""}
    return {"meetmoment": "", "meting": "1", "naam": "", "functie": "", "taskforce_datum": ""}
