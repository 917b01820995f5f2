from mededeling.cli import run

run()
