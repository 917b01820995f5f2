"""Renderers: each turns the one computed note into one format."""
