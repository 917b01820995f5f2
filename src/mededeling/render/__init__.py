"""Stage 5, render: the one computed note as Word, HTML, PDF, JSON and Excel, in memory."""
