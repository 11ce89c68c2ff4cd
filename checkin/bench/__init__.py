"""`checkin bench`: figures measured on a throwaway store, each beside a raw-SQLite
baseline doing the same work in the same run, so a reader can judge the overhead.

Run it on an idle machine; it prints the figures, it asserts nothing. One module per figure,
each beside its raw baseline; `run.run_bench` runs them all in order.
"""

