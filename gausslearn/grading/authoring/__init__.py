"""The authoring side: builds what learners and graders get, on the instructors' machine.

- :mod:`~gausslearn.grading.authoring.exercises`  ``exercises/`` and ``solutions/`` from ``exercises_src/``
  (one source per exercise), through the one notebook pipeline, :mod:`gausslearn.notebooks`
- :mod:`~gausslearn.grading.authoring.release`    the learners' bundle, without solutions or hidden tests,
  searched for leaks before it is handed out
- :mod:`~gausslearn.grading.authoring.hidden`     the hidden tests, one module per exercise id (never shipped;
  the judge loads them by name, :data:`gausslearn.grading.HIDDEN_TESTS`)

It imports the shared modules (the hidden tests are written with :mod:`gausslearn.grading.api`),
:mod:`gausslearn.notebooks` and :mod:`gausslearn.paths`; never the student or the host side.
"""
