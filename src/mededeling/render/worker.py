"""A second process for the PDF.

WeasyPrint's import, its font set-up and the layout are the longest part of a build.
A worker forked when the command starts (before pandas, matplotlib or WeasyPrint are
imported, so the fork is light) does the first two while the main process reads,
computes and draws, then lays out the HTML it is sent: both cores work.
"""

from __future__ import annotations

from pathlib import Path

def _warm_up(templates: Path) -> None:
    from mededeling.render.pdf import render

    css = (templates / "mededeling.css").read_text(encoding="utf-8")
    render(f"<html lang='nl-BE'><style>{css}</style><p>Pagina <b>één</b></p></html>", templates)


def _serve(conn, templates: Path) -> None:  # runs in the worker
    try:
        _warm_up(templates)
        html = conn.recv()
        if html is not None:
            from mededeling.render.pdf import render

            conn.send(("ok", render(html, templates)))
    except BaseException as exc:  # reported to the parent, which decides
        try:
            conn.send(("fout", f"{type(exc).__name__}: {exc}"))
        except Exception:
            pass
    finally:
        conn.close()


class PdfWorker:
    """Renders one PDF in a forked process that prepared WeasyPrint in the meantime."""

    def __init__(self, templates: Path):
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, templates), daemon=True)
        self._proc.start()
        child.close()

    def render(self, html: str) -> bytes:
        self._conn.send(html)
        try:
            status, payload = self._conn.recv()
        except EOFError:
            raise RuntimeError("het PDF-proces stopte onverwacht") from None
        finally:
            self.close()
        if status != "ok":
            raise RuntimeError(f"PDF maken mislukt: {payload}")
        return payload

    def close(self) -> None:
        if self._proc.is_alive():
            try:
                self._conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        self._proc.join(timeout=5)
        if self._proc.is_alive():
            self._proc.kill()
        self._conn.close()
