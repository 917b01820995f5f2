"""The local web page for staff: a thin layer over the same pipeline as the CLI."""
