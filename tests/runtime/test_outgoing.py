"""Real outgoing requests from @arangodb/request to loopback servers (a pytest-httpserver), opted
into per server: the request arrives for real, its answer reaches the command synchronously,
fake time does not move meanwhile, each request lands in Run.requests, and the run's time limit
covers the wait. Answer shapes follow js/common/modules/@arangodb/request.js over
lib/V8/v8-utils.cpp JS_Download (code, message, headers with lower-case names, body)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from fake_arango_tasks import FakeArangoTasks, OptionError, Run
from tests.conftest import Http
from tests.conftest import create_task as _task
from tests.conftest import printed as _printed


def _one_run(fake: FakeArangoTasks, command: str, **params: object) -> Run:
    _task(Http(fake.url), command, params=params)
    before = fake.now
    runs = fake.advance(1)
    assert fake.now == before + 1  # fake time moved by the advance only
    assert len(runs) == 1
    return runs[0]


@pytest.mark.arango_tasks(outgoing="loopback")
def test_a_task_posts_to_a_webhook_and_gets_its_answer(arango_tasks: FakeArangoTasks, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hooks/orders", method="POST", json={"order": 7},
                              headers={"x-signature": "abc"}).respond_with_json({"accepted": True}, status=202)
    run = _one_run(arango_tasks, """
        const request = require('@arangodb/request');
        const started = Date.now();
        const res = request.post(params.url, {body: {order: 7}, json: true, headers: {'X-Signature': 'abc'}});
        print(res.status, res.json.accepted, res.headers['content-type'], Date.now() === started);
    """, url=httpserver.url_for("/hooks/orders"))
    httpserver.check_assertions()
    assert _printed(run) == ["202 true application/json true"]
    assert [(r.method, r.url, r.body) for r in run.requests] == [
        ("POST", httpserver.url_for("/hooks/orders"), '{"order":7}')]
    assert run.requests[0].headers == {"content-type": "application/json", "x-signature": "abc"}


def test_loopback_mode_is_opted_into_and_reset_clears_it(arango_tasks: FakeArangoTasks,
                                                        httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ping").respond_with_data("pong")
    command = "print(require('@arangodb/request').get(params.url).status)"
    assert _printed(_one_run(arango_tasks, command, url=httpserver.url_for("/ping"))) == ["500"]  # canned: refused
    arango_tasks.http.outgoing = "loopback"
    assert _printed(_one_run(arango_tasks, command, url=httpserver.url_for("/ping"))) == ["200"]
    arango_tasks.reset()
    assert arango_tasks.http.outgoing == "canned"
    with pytest.raises(OptionError):
        FakeArangoTasks(outgoing="internet")  # type: ignore[arg-type]


@pytest.mark.arango_tasks(outgoing="loopback")
def test_registrations_come_first_and_only_loopback_goes_out(arango_tasks: FakeArangoTasks,
                                                            httpserver: HTTPServer) -> None:
    httpserver.expect_request("/real").respond_with_data("real")
    arango_tasks.http.respond("GET", httpserver.url_for("/canned"), body="canned")
    run = _one_run(arango_tasks, """
        const request = require('@arangodb/request');
        for (const url of [params.base + 'canned', params.base + 'real', 'http://api.example.com/x', params.other]) {
          const res = request.get(url); print(res.status, res.body);
        }
    """, base=httpserver.url_for("/"), other=f"http://0.0.0.0:{httpserver.port}/real")
    assert _printed(run) == [
        "200 canned", "200 real",
        "500 undefined", "500 undefined",  # not loopback (0.0.0.0 would reach this server): refused, never sent
    ]
    assert len(httpserver.log) == 1


@pytest.mark.arango_tasks(outgoing="loopback")
def test_redirects_are_followed_on_loopback(arango_tasks: FakeArangoTasks, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_data("", status=302, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data("moved here")
    run = _one_run(arango_tasks, "const r = require('@arangodb/request').get(params.url); print(r.status, r.body)",
                   url=httpserver.url_for("/old"))
    assert _printed(run) == ["200 moved here"]


def _slow(seconds: float) -> object:
    def handler(request: Request) -> Response:
        time.sleep(seconds)
        return Response("late")
    return handler


@pytest.mark.arango_tasks(outgoing="loopback")
def test_the_requests_own_timeout_answers_as_arangodb_does(arango_tasks: FakeArangoTasks,
                                                          httpserver: HTTPServer) -> None:
    httpserver.expect_request("/slow").respond_with_handler(_slow(0.6))  # type: ignore[arg-type]
    run = _one_run(arango_tasks, """
        const res = require('@arangodb/request')({url: params.url, timeout: 0.1});
        print(res.status, res.message);
    """, url=httpserver.url_for("/slow"))
    assert _printed(run) == ["500 Request timeout reached"]


@pytest.mark.arango_tasks(outgoing="loopback", run_timeout=0.3)
def test_the_runs_time_limit_covers_the_wait(arango_tasks: FakeArangoTasks, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/slow").respond_with_handler(_slow(1.0))  # type: ignore[arg-type]
    _task(Http(arango_tasks.url), "require('@arangodb/request').get(params.url); print('went on')",
          params={"url": httpserver.url_for("/slow")})
    run = arango_tasks.advance(1)[0]
    assert run.error is not None and str(run.error) == "run exceeded the time limit of 0.3 s and was stopped"
    assert run.output == ()
    assert [r.url for r in run.requests] == [httpserver.url_for("/slow")]


def test_the_readme_recipe_passes(pytester: pytest.Pytester) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    recipe = next(block for block in re.findall(r"```python\n(.*?)```", readme, re.S) if "httpserver" in block)
    pytester.makepyfile(test_recipe=recipe)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
