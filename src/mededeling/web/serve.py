"""`mededeling serve`: the web page on this machine only, opened in the browser.

Werkzeug's threaded server is enough for one person on 127.0.0.1, and it is already
there with Flask. The PDF layout workers are forked before the server starts its
threads and before pandas and WeasyPrint are imported, as the CLI does for a build.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import sys
import threading
import webbrowser
from pathlib import Path

HOST = "127.0.0.1"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _graphical() -> bool:
    """A browser window can open: else `webbrowser` might start a text browser (lynx,
    w3m) in this very terminal, on top of the server's messages."""
    return sys.platform in ("win32", "darwin") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _handler(base: type) -> type:
    """Werkzeug's request handler without the versions in the Server header (Werkzeug's
    and Python's tell a visitor which known flaws to try)."""

    class Handler(base):  # type: ignore[misc, valid-type]
        def version_string(self) -> str:
            return "mededeling"

    return Handler


def serve(inputs: Path, out: Path, port: int, open_browser: bool = True) -> int:
    if not inputs.is_dir():
        _say(f"De map {inputs} bestaat niet; geef de map met de meetrondes op met --inputs.")
        return 2
    if out.resolve() == inputs.resolve():
        _say("De documenten kunnen niet in de map van de meetrondes komen: ze zouden de "
             "invoer vervangen. Kies met --out een andere map.")
        return 2
    from mededeling.render.workers import LayoutPool

    pool = LayoutPool()
    try:
        from werkzeug.serving import WSGIRequestHandler, make_server

        from mededeling.web.app import create_app
        from mededeling.web.builds import Builder

        listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:  # bound here, not by werkzeug: it answers a taken port in English and exits
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listening.bind((HOST, port))
            listening.listen(64)
        except OSError as exc:
            listening.close()
            if exc.errno == errno.EADDRINUSE:
                _say(f"Poort {port} is al in gebruik (draait mededeling serve al?). Kies een "
                     "andere met --poort, bv. --poort 8765.")
                return 1
            raise
        port = listening.getsockname()[1]
        builder = Builder(inputs.resolve(), out.resolve(), pool,
                          new_pool=lambda: LayoutPool(method="forkserver"))
        app = create_app(inputs, out, builder, port)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no English line per request
        server = make_server(HOST, port, app, threaded=True, fd=listening.fileno(),
                             request_handler=_handler(WSGIRequestHandler))
        url = f"http://{HOST}:{port}/"
        _say(f"De webpagina van mededeling draait op {url}\n"
             f"Meetrondes uit {inputs.resolve()}, documenten naar {out.resolve()}.\n"
             "Alleen deze computer kan ze openen. Stoppen: Ctrl+C.")
        if open_browser and _graphical():
            threading.Timer(0.3, webbrowser.open, args=(url,)).start()
        elif open_browser:
            _say(f"Open {url} in de browser.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            _say("Gestopt.")
        finally:
            server.server_close()
            if builder.running() is not None:
                _say("Wachten tot de lopende opbouw klaar is, zodat niets half geschreven blijft…")
            builder.wait()
            builder.close()
        return 0
    finally:
        pool.close()
