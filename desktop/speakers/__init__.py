"""Who is speaking: a voice encoder (Resemblyzer's GE2E weights, run in numpy) and the labelling
of transcript stretches as Doctor / Patient / Speaker N.

No Qt, no threads of its own: the session runs the labeller on a worker.
"""
