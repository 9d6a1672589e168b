"""The V8 runtime: task commands run in embedded V8 (mini-racer), with ArangoDB's server-side
JavaScript environment (``js/``), a synchronous bridge to Python (``_bridge``), limits and
isolation between runs. Nothing above this package knows V8; this package knows nothing of HTTP,
the task table or the documents: it reaches them through the :class:`Host` it is given."""

from ._classify import may_await
from ._runtime import (
    DEFAULT_MAX_MEMORY,
    DEFAULT_MAX_OUTPUT,
    DEFAULT_TIMEOUT,
    BatchResult,
    Host,
    JavaScriptRuntime,
    Job,
    RunnableTask,
)

__all__ = [
    "DEFAULT_MAX_MEMORY", "DEFAULT_MAX_OUTPUT", "DEFAULT_TIMEOUT", "BatchResult", "Host", "JavaScriptRuntime", "Job",
    "RunnableTask", "may_await",
]
