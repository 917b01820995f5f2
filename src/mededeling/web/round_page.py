"""A round's page: its check, its builds, its key figures, the note's preview, and the
buttons that start a draft or a final."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from mededeling import rounds as r
from mededeling.errors import Busy
from mededeling.note.keyfigures import key_figures
from mededeling.web import pages
from mededeling.web.context import known_round, site

# the note preview and the review file: our own HTML, with its styles inline
DOCUMENT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                   "base-uri 'none'; form-action 'none'; frame-ancestors 'self'")

round_page_routes = Blueprint("ronde", __name__)


@round_page_routes.get("/ronde/<meetmoment>")
def round_page(meetmoment: str):
    known_round(meetmoment)
    s = site()
    checked = s.checker.check(meetmoment)
    job = s.builder.job(meetmoment)
    running = s.builder.running()
    built = r.builds(s.out, meetmoment)
    builds = [pages.build_view(b) for b in reversed(built)]
    figures = key_figures(checked.prepared.figures) if checked.prepared else ()
    others = pages.other_rounds(checked.errors, meetmoment)
    own = pages.own_problems(checked.errors, meetmoment)
    return render_template(
        "round.html", row=pages.round_row(checked, built,
                                          building=bool(job and job.running)),
        folder=str(checked.folder), errors=pages.problem_rows(own),
        blocked_by=[{"meetmoment": m, "title": pages.title(m)} for m in others],
        beside_final=_beside_final(s.out, meetmoment),
        warnings=pages.problem_rows(checked.warnings), figures=figures, job=job,
        job_seconds=pages.seconds(job.seconds) if job else "",
        job_problems=pages.problem_rows(job.problems) if job else (),
        other_running=running if running and running.meetmoment != meetmoment else None,
        builds=builds, out=str(s.out),
        has_previous=checked.prepared is not None and checked.prepared.figures.changes is not None,
        # a refresh to the same URL with its '#...' would not reload: give it plainly
        refresh=url_for("ronde.round_page", meetmoment=meetmoment)
        if job and job.running else "")


def _beside_final(out: Path, meetmoment: str) -> str:
    """The folder a draft goes to when out/<meetmoment> holds a final ('2022-01-31-v2'),
    or '': said before the build, and the draft goes there at once (a final is never
    overwritten, and a draft refused after a whole build helps no one)."""
    from mededeling.write import draft_beside, is_final

    target = out / meetmoment
    return draft_beside(target).name if target.is_dir() and is_final(target) else ""


@round_page_routes.get("/ronde/<meetmoment>/voorbeeld")
def preview(meetmoment: str):
    from mededeling.render.documents import note_preview

    known_round(meetmoment)
    s = site()
    checked = s.checker.check(meetmoment)
    if checked.prepared is None:
        abort(404)
    with s.previews_lock:
        hit = s.previews.get(meetmoment)
    if hit is None or hit[0] is not checked.prepared:
        hit = (checked.prepared, note_preview(checked.prepared))
        with s.previews_lock:
            s.previews[meetmoment] = hit
            while len(s.previews) > 8:
                s.previews.popitem(last=False)
    response = Response(hit[1], mimetype="text/html")
    response.headers["Content-Security-Policy"] = DOCUMENT_POLICY
    return response


@round_page_routes.get("/ronde/<meetmoment>/wijzigingen")
def changes(meetmoment: str):
    """The note as changes against the previous round folder's note (<del>/<ins>)."""
    from mededeling.errors import InvalidInput
    from mededeling.pipeline import prepare
    from mededeling.render.documents import note_preview

    known_round(meetmoment)
    if site().checker.check(meetmoment).prepared is None:
        abort(404)
    try:
        prep = prepare(site().inputs / meetmoment, compare=True)
    except InvalidInput:
        abort(404)
    if prep.previous_note is None:
        abort(404)  # a first round, or one compared through [vorige] only: no earlier note
    response = Response(note_preview(prep, changes=True), mimetype="text/html")
    response.headers["Content-Security-Policy"] = DOCUMENT_POLICY
    return response


@round_page_routes.post("/ronde/<meetmoment>/nalezing")
def review(meetmoment: str):
    """Reviewed copies of the draft, taken back into redactie.toml (as `mededeling
    nalezing` does). The upload's file names are only shown, never used as paths."""
    import dataclasses
    import tempfile

    from mededeling.errors import InvalidInput
    from mededeling.review_cycle import take

    known_round(meetmoment)
    sent = [f for f in request.files.getlist("nagelezen") if f and f.filename]
    if not sent:
        flash("Kies een of meer nagelezen Word-bestanden (.docx).", "fout")
        return redirect(url_for("ronde.round_page", meetmoment=meetmoment) + "#nalezing", 303)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, upload in enumerate(sent, start=1):
            name = "".join(c for c in Path(upload.filename).name if c.isalnum() or c in "-_. ")
            path = Path(tmp) / f"{i}-{name or 'nagelezen.docx'}"
            upload.save(path)
            paths.append(path)
        try:
            with site().builder.quiet(meetmoment):  # not while this round is being built
                taken = take(site().inputs / meetmoment, paths)
        except InvalidInput as invalid:
            # named as the user's files, not as the copies in the temporary folder
            names = {path.name: Path(upload.filename.replace("\\", "/")).name
                     for path, upload in zip(paths, sent)}
            flash("Niet overgenomen: " + "; ".join(
                str(dataclasses.replace(p, file=names.get(p.file, p.file)))
                for p in invalid.problems), "fout")
        except Busy as busy:
            flash(f"Geweigerd: {busy}.", "fout")
        else:
            flash(f"{len(taken.edits)} alinea('s) en {len(taken.remarks)} opmerking(en) "
                  f"overgenomen in {taken.redactie.name}"
                  + (f"; niet geplaatst: {len(taken.unplaced)} alinea('s)"
                     if taken.unplaced else "") + ". Maak een nieuw ontwerp.", "ok")
    return redirect(url_for("ronde.round_page", meetmoment=meetmoment) + "#nalezing", 303)


@round_page_routes.post("/ronde/<meetmoment>/opbouwen")
def build(meetmoment: str):
    known_round(meetmoment)
    final = request.form.get("soort") == "definitief"
    if final and request.form.get("bevestigd") != "ja":  # it cannot be undone: asked first
        flash("Er werd niets gemaakt: vink eerst aan dat de definitieve versie niet meer "
              "gewijzigd kan worden, en klik dan opnieuw op ‘Definitieve versie maken’.", "fout")
        return redirect(url_for("ronde.round_page", meetmoment=meetmoment) + "#opbouw", 303)
    # a draft beside a final goes there at once, as the page said before the click
    new_version = request.form.get("nieuwe_versie") == "ja" or (
        not final and bool(_beside_final(site().out, meetmoment)))
    try:
        site().builder.start(meetmoment, final, new_version)
    except Busy as busy:
        flash(f"Geweigerd: {busy}.", "fout")
    return redirect(url_for("ronde.round_page", meetmoment=meetmoment), 303)
