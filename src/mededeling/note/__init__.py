"""Stage 3 and 4, compute and phrase: every figure of the note and its annexes, and the
Dutch sentences and documents made of them. Plain Python, no document library."""
