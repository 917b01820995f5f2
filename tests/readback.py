"""The product's own read-back, for the tests (one implementation, not two)."""

from mededeling.render.readback import docx_text, normalise, pdf_text  # noqa: F401
