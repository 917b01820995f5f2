"""What every stage shares: the round model, the block tree, the statuses, the problems.

Nothing here imports a stage; every stage may import from here.
"""
