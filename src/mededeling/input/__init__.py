"""Stage 1 and 2, load and validate: a round folder as staff hand it in, read and checked
into the typed round model, or every problem it has, located."""
