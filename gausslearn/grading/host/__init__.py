"""The host side: judges on the grader's machine and never runs learner code in its own process.

- :mod:`~gausslearn.grading.host.cli`         ``gausslearn grade``: one notebook, or a folder into a gradebook
- :mod:`~gausslearn.grading.host.gradebook`   a folder of submissions into one atomic, resumable, formula-safe CSV
- :mod:`~gausslearn.grading.host.judge`       grades one notebook: a :class:`~gausslearn.grading.results.Report`
- :mod:`~gausslearn.grading.host.remote`      ``RemoteStudent``: calls the learner's functions in the learner's process
- :mod:`~gausslearn.grading.host.submission`  reads and checks a submitted notebook: exercise id, answer cells
- :mod:`~gausslearn.grading.host.runner`      starts, limits, talks to and kills the learner's process
- :mod:`~gausslearn.grading.host.sandbox`     the operating-system layer around that process

Only plain data crosses from the learner's process (:mod:`gausslearn.grading.channel`). This side imports the
shared modules and never the student side; it names the worker's module only as text, for the command line
that starts the learner's process, and loads the hidden tests by name (:data:`gausslearn.grading.HIDDEN_TESTS`).
"""
