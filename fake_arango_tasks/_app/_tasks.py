"""``/_api/tasks``: ``RestTasksHandler.cpp`` (docs/behaviour.md §1-§3)."""

from __future__ import annotations

from .. import _errors as E
from .._errors import ArangoError
from ._call import Call, Reply
from ._routing import Route

__all__ = ["ROUTES"]


def list_tasks(call: Call) -> Reply:
    return 200, [t.to_json() for t in call.services.tasks.list(call.principal.task_owner)]


def get_task(call: Call) -> Reply:
    return 200, call.services.tasks.get(call.args["task_id"], call.principal.task_owner).to_json()


def superfluous_get(call: Call) -> Reply:
    raise ArangoError(E.SUPERFLUOUS_SUFFICES, "superfluous parameter, expecting /_api/tasks[/<id>]")


def create_task(call: Call, url_id: str | None = None) -> Reply:
    """Create checks 1 to 4 of §3 (body, switch, PUT form, permission); the table does the rest."""
    body = call.body()
    if not call.services.javascript_tasks:
        raise ArangoError(E.FORBIDDEN, "JavaScript tasks are disabled")
    if call.method == "PUT" and url_id is None:
        raise ArangoError(E.BAD_PARAMETER, "expected PUT /_api/tasks/<task-id>")
    call.require_write("registering a task needs db RW permissions")
    return 200, call.services.tasks.create_from_rest(body, database=call.database, user=call.principal.user,
                                                     url_id=url_id)


def put_task(call: Call) -> Reply:
    return create_task(call, url_id=call.args["task_id"])


def delete_task(call: Call) -> Reply:
    call.require_write("unregister task needs db RW permissions")
    call.services.tasks.remove(call.args["task_id"], call.principal.task_owner)
    return 200, {"error": False, "code": 200}


def delete_without_id(call: Call) -> Reply:
    raise ArangoError(E.SUPERFLUOUS_SUFFICES, "bad parameter, expecting /_api/tasks/<id>")


ROUTES = (
    Route("/_api/tasks", {"GET": list_tasks, "POST": create_task, "PUT": create_task, "DELETE": delete_without_id},
          tasks_api=True),
    Route("/_api/tasks/<segment:task_id>", {"GET": get_task, "POST": create_task, "PUT": put_task,
                                            "DELETE": delete_task}, tasks_api=True),
    Route("/_api/tasks/<segment:task_id>/<path:rest>", {"GET": superfluous_get, "POST": create_task,
                                                        "PUT": create_task, "DELETE": delete_without_id},
          tasks_api=True),
)
