"""The student side: code that runs INSIDE the learner's process, next to the learner's code.

- :mod:`~gausslearn.grading.student.worker`     the program the grader starts: runs the answer cells, serves calls
- :mod:`~gausslearn.grading.student.tripwires`  records forbidden calls, refuses magics, summarises exceptions
- :mod:`~gausslearn.grading.student.local`      ``LocalStudent``: learner functions in this very process
                                                (the public checks inside an exercise notebook)

Nothing here is trusted by the grader: the learner's code can replace any of it. It imports only the shared
modules (:mod:`gausslearn.grading.api`, :mod:`~gausslearn.grading.channel`, :mod:`~gausslearn.grading.results`),
never the host side.
"""
