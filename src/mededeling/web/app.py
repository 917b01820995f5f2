"""The web page as a Flask app: configuration, safety, error pages, and the blueprints
(`overview`, `round_page`, `downloads`) that hold the routes.

Safe by construction, because it runs on a colleague's machine next to their mail:
- it answers only to 127.0.0.1/localhost (a page elsewhere cannot rebind a name to it);
- every form carries a CSRF token (Flask-WTF), the session cookie is SameSite=Strict,
  and a form sent with an Origin header must come from this very page (a second lock);
- an upload is capped in size and its file names are never used as paths (see upload);
- a download is looked up among the files a build's manifest lists, never joined from
  the request, so nothing outside the inputs and output folders can be reached;
- templates autoescape everything, and the pages allow no script at all (CSP).
"""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, Response, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException, SecurityError

from mededeling import rounds as r
from mededeling.resources import WEB_TEMPLATES
from mededeling.upload import MAX_UPLOAD_BYTES
from mededeling.web.builds import Builder
from mededeling.web.context import Site
from mededeling.web.downloads import downloads
from mededeling.web.overview import overview
from mededeling.web.round_page import round_page_routes

PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self' data:; "
               "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
ERROR_TEXT: dict[int | str, str] = {
    400: "Dit verzoek kan niet verwerkt worden.",
    403: "Dit mag niet.",
    404: "Deze pagina of dit bestand bestaat niet.",
    405: "Deze handeling kan zo niet uitgevoerd worden.",
    413: f"Het bestand is te groot: hoogstens {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
    # a text field above MAX_FORM_MEMORY_SIZE: the file was not the cause
    "veld": "Een tekstveld van het formulier is veel te lang (de naam mag hoogstens 200 "
            "tekens hebben, de functie 600); er werd niets opgeslagen. Ga terug en kort het "
            "in.",
    500: "Er ging iets mis op de server; er werd niets geschreven.",
}


def create_app(inputs: Path, out: Path, builder: Builder | None = None,
               port: int | None = None) -> Flask:
    inputs, out = inputs.resolve(), out.resolve()
    app = Flask(__name__, template_folder=str(WEB_TEMPLATES),
                static_folder=str(WEB_TEMPLATES / "static"))
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
    # tests reach the builder here to wait for its builds
    app.extensions["mededeling"] = Site(inputs, out, r.Checker(inputs),
                                        builder or Builder(inputs, out))
    for blueprint in (overview, round_page_routes, downloads):
        app.register_blueprint(blueprint)

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        # not 'no-referrer': the browser would then send 'Origin: null' with our own
        # forms; 'same-origin' still tells no other site where a link came from
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.before_request
    def same_origin() -> tuple[str, int] | None:
        """A form sent from a page of another site is refused, also if it had a token:
        the Origin header the browser adds names the page the form came from."""
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        origin = request.headers.get("Origin")
        site_of = request.headers.get("Sec-Fetch-Site")  # Chromium, Firefox: who sent it
        other_site = site_of is not None and site_of not in ("same-origin", "none")
        # no Origin (an old client): the CSRF token still protects
        if other_site or (origin is not None and origin != f"{request.scheme}://{request.host}"):
            return render_template("error.html", status=403, message=(
                "Dit formulier kwam niet van deze pagina maar van een andere website; er "
                "werd niets gedaan. Gebruik de knoppen op de pagina van mededeling zelf.")), 403
        return None

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
        text = ERROR_TEXT.get(status, ERROR_TEXT[400])
        if status == 413 and (request.content_length or 0) <= app.config["MAX_CONTENT_LENGTH"]:
            text = ERROR_TEXT["veld"]  # the request as a whole was allowed: a field was not
        return render_template("error.html", status=status, message=text), status

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("onverwachte fout")
        return render_template("error.html", status=500, message=ERROR_TEXT[500]), 500

    return app
