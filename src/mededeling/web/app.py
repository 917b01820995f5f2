"""The web page's routes: start page, a round's page, uploads, builds and downloads.

Safe by construction, because it runs on a colleague's machine next to their mail:
- it answers only to 127.0.0.1/localhost (a page elsewhere cannot rebind a name to it);
- every form carries a CSRF token (Flask-WTF), the session cookie is SameSite=Strict;
- an upload is capped in size and its file names are never used as paths (see upload);
- a download is looked up among the files a build's manifest lists, never joined from
  the request, so nothing outside the inputs and output folders can be reached;
- templates autoescape everything, and the pages allow no script at all (CSP).
"""

from __future__ import annotations

import io
import secrets
import threading
from collections import OrderedDict
from pathlib import Path

from flask import (Flask, Response, abort, flash, redirect, render_template, request,
                   send_file, url_for)
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException, SecurityError

from mededeling import rounds as r
from mededeling.kerncijfers import key_figures
from mededeling.load import ROUND_DIR_RE
from mededeling.paths import TEMPLATES
from mededeling.render.html import status_css
from mededeling.upload import (MAX_UPLOAD_BYTES, FormErrors, Rejected, RoundExists, add_round,
                               parse_form)
from mededeling.web import pages
from mededeling.web.builds import Builder
from mededeling.write import Busy, Refused

PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self' data:; "
               "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# the note preview and the review file: our own HTML, with its styles inline
DOCUMENT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                   "base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
ERROR_TEXT = {
    400: "Dit verzoek kan niet verwerkt worden.",
    403: "Dit mag niet.",
    404: "Deze pagina of dit bestand bestaat niet.",
    405: "Deze handeling kan zo niet uitgevoerd worden.",
    413: f"Het bestand is te groot: hoogstens {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
    500: "Er ging iets mis op de server; er werd niets geschreven.",
}


def create_app(inputs: Path, out: Path, builder: Builder | None = None,
               port: int | None = None) -> Flask:
    inputs, out = inputs.resolve(), out.resolve()
    web = TEMPLATES / "web"
    app = Flask(__name__, template_folder=str(web), static_folder=str(web / "static"))
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),  # per start: a restart asks for a reload
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES + 64 * 1024,
        TRUSTED_HOSTS=["127.0.0.1", "localhost"],
        SESSION_COOKIE_SAMESITE="Strict",
        # cookies do not tell ports apart: two pages on two ports keep their own
        SESSION_COOKIE_NAME=f"mededeling-{port}" if port else "mededeling",
        WTF_CSRF_TIME_LIMIT=None,  # valid as long as the server runs
    )
    app.jinja_env.autoescape = True
    CSRFProtect(app)
    checker = r.Checker(inputs)
    builder = builder or Builder(inputs, out)
    app.extensions["mededeling"] = {"builder": builder}  # tests wait for its builds
    previews: OrderedDict[str, tuple[object, str]] = OrderedDict()
    previews_lock = threading.Lock()

    def known_round(meetmoment: str) -> str:
        """The round folder named in the URL, if it is one of the listed rounds."""
        if not ROUND_DIR_RE.match(meetmoment) or meetmoment not in r.meetmomenten(inputs):
            abort(404)
        return meetmoment

    def find_build(meetmoment: str, folder: str) -> r.Built:
        for built in r.builds(out, known_round(meetmoment)):
            if built.name == folder:
                return built
        abort(404)

    def start_page(status: int = 200, **upload):
        rows = [pages.round_row(checker.check(m), r.builds(out, m))
                for m in r.meetmomenten(inputs)]
        defaults = _form_defaults(checker, inputs)
        defaults.update(upload.pop("values", {}))
        return render_template("start.html", rows=rows, inputs=str(inputs), out=str(out),
                               has_plan=(inputs / "plan.toml").is_file(), values=defaults,
                               **upload), status

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.get("/kleuren.css")
    def colours():
        return Response(status_css(element="") + "\n", mimetype="text/css")

    @app.get("/")
    def start():
        return start_page()

    @app.post("/nieuw")
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
        label = (sent.filename or "het bestand") if sent is not None else "het bestand"
        try:
            added = add_round(inputs, form, data, label, replace=replace, guard=builder.quiet)
        except Rejected as rejected:
            return start_page(422, values=values,
                              upload_problems=pages.problem_rows(rejected.problems),
                              upload_ignored=pages.listing(rejected.ignored),
                              upload_message=f"De opgeladen meetronde bevat "
                              f"{pages.count(rejected.total, 'fout', 'fouten')}; er "
                              "werd niets opgeslagen. Verbeter het bestand en laad het "
                              "opnieuw op.")
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
        return redirect(url_for("round_page", meetmoment=added.meetmoment) + "#top", 303)

    @app.get("/ronde/<meetmoment>")
    def round_page(meetmoment: str):
        known_round(meetmoment)
        checked = checker.check(meetmoment)
        job = builder.job(meetmoment)
        running = builder.running()
        builds = [pages.build_view(b) for b in reversed(r.builds(out, meetmoment))]
        figures = key_figures(checked.prepared.figures) if checked.prepared else ()
        return render_template(
            "round.html", row=pages.round_row(checked, r.builds(out, meetmoment)),
            folder=str(checked.folder), errors=pages.problem_rows(checked.errors),
            warnings=pages.problem_rows(checked.warnings), figures=figures, job=job,
            job_seconds=pages.seconds(job.seconds) if job else "",
            job_problems=pages.problem_rows(job.problems) if job else (),
            other_running=running if running and running.meetmoment != meetmoment else None,
            builds=builds, out=str(out),
            # a refresh to the same URL with its '#...' would not reload: give it plainly
            refresh=url_for("round_page", meetmoment=meetmoment) if job and job.running else "")

    @app.get("/ronde/<meetmoment>/voorbeeld")
    def preview(meetmoment: str):
        from mededeling.produce import note_preview

        known_round(meetmoment)
        checked = checker.check(meetmoment)
        if checked.prepared is None:
            abort(404)
        with previews_lock:
            hit = previews.get(meetmoment)
        if hit is None or hit[0] is not checked.prepared:
            hit = (checked.prepared, note_preview(checked.prepared))
            with previews_lock:
                previews[meetmoment] = hit
                while len(previews) > 8:
                    previews.popitem(last=False)
        response = Response(hit[1], mimetype="text/html")
        response.headers["Content-Security-Policy"] = DOCUMENT_POLICY
        return response

    @app.post("/ronde/<meetmoment>/opbouwen")
    def build(meetmoment: str):
        known_round(meetmoment)
        final = request.form.get("soort") == "definitief"
        try:
            builder.start(meetmoment, final, request.form.get("nieuwe_versie") == "ja")
        except Busy as busy:
            flash(f"Geweigerd: {busy}.", "fout")
        return redirect(url_for("round_page", meetmoment=meetmoment), 303)

    @app.get("/ronde/<meetmoment>/uitvoer/<folder>/<name>")
    def download(meetmoment: str, folder: str, name: str):
        built = find_build(meetmoment, folder)
        if name not in built.files:
            abort(404)
        path = built.folder / name
        response = send_file(path, as_attachment=name not in pages.INLINE,
                             download_name=name, max_age=0)
        if name in pages.INLINE:
            response.headers["Content-Security-Policy"] = DOCUMENT_POLICY
        return response

    @app.get("/ronde/<meetmoment>/uitvoer/<folder>.zip")
    def download_all(meetmoment: str, folder: str):
        built = find_build(meetmoment, folder)
        data = _zip(built)
        return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                         download_name=f"mededeling-{built.name}.zip", max_age=0)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_template("error.html", status=400, message=(
            "Dit formulier is verlopen of kwam niet van deze pagina (bijvoorbeeld na een "
            "herstart van mededeling). Er werd niets gedaan. Ga terug, laad de pagina "
            "opnieuw en probeer nog eens.")), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if isinstance(error, SecurityError):  # an untrusted Host: no page, no links
            return Response("Deze pagina is alleen bereikbaar via 127.0.0.1 of localhost.\n",
                            400, mimetype="text/plain")
        status = error.code or 500
        return render_template("error.html", status=status,
                               message=ERROR_TEXT.get(status, ERROR_TEXT[400])), status

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("onverwachte fout")
        return render_template("error.html", status=500, message=ERROR_TEXT[500]), 500

    return app


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


def _zip(built: r.Built) -> bytes:
    """Every file of a build in one ZIP, dated with the round (the same bytes every time)."""
    import datetime as dt

    from mededeling.reproducible import new_zip

    try:
        moment = dt.datetime.fromisoformat(built.name[:10])
    except ValueError:  # a folder named like a date that is none ('2022-02-30')
        moment = dt.datetime(1980, 1, 1)
    return new_zip(((f"{built.name}/{name}", (built.folder / name).read_bytes())
                    for name in built.files), moment)
