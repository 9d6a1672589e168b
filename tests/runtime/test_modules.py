"""The modules ArangoDB 3.12 bundles for server-side JavaScript, as task commands see them.

Sources: js/common/modules/@arangodb/crypto.js (3.12: uuidv4, genRandomBytes, jwt*, hotp/totp),
lib/V8/v8-utils.cpp (JS_Md5, JS_Sha*, JS_HMAC, JS_PBKDF2HS1), arangod/V8Server/v8-users.cpp,
js/common/bootstrap/modules/console.js, js/node/node_modules (lodash; underscore aliased to it),
js/common/bootstrap/modules.js (3100 for a module ArangoDB does not have).
"""

from __future__ import annotations

import hashlib
import hmac
import re

import jwt
import pytest

from fake_arango_tasks import FakeArangoTasks, User
from tests.conftest import Http
from tests.conftest import create_task as _task
from tests.conftest import one_run as _one_run
from tests.conftest import printed as _printed


def test_global_is_the_global_object(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, "global.seen = 1; print(global === globalThis, typeof global.require, seen)")
    assert _printed(run) == ["true function 1"]


def test_lodash_and_underscore(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const _ = require('lodash');
        print(_ === require('underscore'), _.VERSION);
        print(JSON.stringify(_.chunk([1, 2, 3, 4, 5], 2)), JSON.stringify(_.groupBy(['one', 'two', 'three'], 'length')));
        print(JSON.stringify(_([3, 1, 2]).sortBy().map(x => x * 10).value()), _.random(0, 1000) === _.random(0, 1000) ? 'same' : 'drawn');
        print(Object.isFrozen(_), Object.isFrozen(_.templateSettings), Object.isFrozen(globalThis));
    """)
    assert _printed(run) == [
        "true 4.16.4", '[[1,2],[3,4],[5]] {"3":["one","two"],"5":["three"]}', "[10,20,30] drawn",
        "true true false",  # frozen: no run can leave something on it for the next
    ]


def test_lodash_random_is_seeded(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "print(require('lodash').random(0, 1e9))", id="r", period=1)
    first = [r.output for r in arango_tasks.advance(2)]
    arango_tasks.reset()
    _task(http, "print(require('lodash').random(0, 1e9))", id="r", period=1)
    assert [r.output for r in arango_tasks.advance(2)] == first


def test_lodash_loaded_by_a_tampering_run_does_not_outlive_it() -> None:
    def second_draw(tamper: str) -> object:
        with FakeArangoTasks(seed=3) as fake:
            http = Http(fake.url)
            _task(http, tamper + "; require('lodash')", offset=1)
            _task(http, "print(require('lodash').random(0, 1e9))", offset=2)
            runs = fake.advance(2)
            return runs[1].output

    # lodash keeps the Math.random it found when it loaded: the context it was loaded in is replaced
    assert second_draw("Math.random = () => 0.5") == second_draw("void 0")


def test_crypto_hashes_hmac_and_pbkdf2(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const crypto = require('@arangodb/crypto');
        for (const name of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']) print(crypto[name]('Köln'));
        print(crypto.hmac('key', 'message'), crypto.hmac('key', 'message', 'SHA1'));
        print(crypto.pbkdf2('salt', 'password', 2, 20));  // RFC 6070 test vector 2
        print(crypto.pbkdf2('salt', 'password', 1, 32, 'sha256'));
        print(crypto.constantEquals('abc', 'abc'), crypto.constantEquals('abc', 'abd'));
        for (const attempt of [() => crypto.sha1(1), () => crypto.hmac('k', 'm', 'sha3')]) {
          try { attempt(); } catch (e) { print(e.errorNum, e.errorMessage); }
        }
    """)
    text = "Köln".encode()
    assert _printed(run) == [
        *(hashlib.new(n, text).hexdigest() for n in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")),
        f"{hmac.new(b'key', b'message', 'sha256').hexdigest()} {hmac.new(b'key', b'message', 'sha1').hexdigest()}",
        "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
        hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 1, 32).hex(),
        "true false",
        "10 usage: sha1(<text>)", "10 invalid value for <algorithm>",
    ]


def test_crypto_jwt_round_trips_and_matches_pyjwt(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const crypto = require('@arangodb/crypto');
        const token = crypto.jwtEncode('a-secret-of-at-least-thirty-two-bytes', {sub: 'ann', n: 1}, 'hs256');
        print(token);
        print(JSON.stringify(crypto.jwtDecode('a-secret-of-at-least-thirty-two-bytes', token)));
        for (const attempt of [() => crypto.jwtDecode('wrong', token), () => crypto.jwtEncode('k', {}, 'RS256'),
                               () => crypto.jwtDecode('k', 'a.b')]) {
          try { attempt(); } catch (e) { print(e.message); }
        }
        const unsigned = crypto.jwtEncode(null, {a: 1}, 'none');
        print(unsigned, JSON.stringify(crypto.jwtDecode(null, unsigned)), JSON.stringify(crypto.jwtDecode('k', 'x.eyJhIjoxfQ.x', true)));
    """)
    printed = _printed(run)
    assert jwt.decode(printed[0], "a-secret-of-at-least-thirty-two-bytes", algorithms=["HS256"]) == {"sub": "ann", "n": 1}
    assert jwt.get_unverified_header(printed[0]) == {"typ": "JWT", "alg": "HS256"}
    assert printed[1:] == [
        '{"sub":"ann","n":1}',
        "Signature verification failed!",
        'Unknown algorithm "RS256". Only the following algorithms are supported at this time: HS256, HS384, HS512, none',
        "Wrong number of JWT segments!",
        'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhIjoxfQ. {"a":1} {"a":1}',
    ]


def test_crypto_hotp_follows_rfc_4226(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const crypto = require('@arangodb/crypto');
        print([0, 1, 2, 9].map(c => crypto.hotpGenerate('12345678901234567890', c)).join(' '));
        print(JSON.stringify(crypto.hotpVerify('520489', '12345678901234567890', 5)));
        print(crypto.totpGenerate('12345678901234567890') === crypto.hotpGenerate('12345678901234567890', Math.floor(Date.now() / 30000)));
    """)
    assert _printed(run) == ["755224 287082 359152 520489", '{"delta":4}', "true"]


def test_crypto_randomness_is_seeded_per_run_and_independent_of_math_random(arango_tasks: FakeArangoTasks,
                                                                           http: Http) -> None:
    command = """
        const crypto = require('@arangodb/crypto');
        if (params.extra) Math.random();
        print(crypto.uuidv4(), crypto.genRandomAlphaNumbers(12), crypto.genRandomNumbers(6), crypto.genRandomSalt(4),
              typeof crypto.rand(), crypto.genRandomBytes(3).length);
    """

    def draws(seed: int, extra: bool) -> list[str]:
        with FakeArangoTasks(seed=seed) as fake:
            _task(Http(fake.url), command, id="t", period=1, params={"extra": extra})
            return [r.output[0][1] for r in fake.advance(2)]

    first = draws(1, False)
    assert len(set(first)) == 2
    uuid, alpha, numbers, salt, kind, length = first[0].split(" ")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", uuid)
    assert re.fullmatch(r"[A-Za-z0-9]{12}", alpha) and re.fullmatch(r"[0-9]{6}", numbers) and len(salt) == 4
    assert (kind, length) == ("number", "3")
    assert draws(1, True) == first  # Math.random draws do not shift them
    assert draws(2, False) != first


def test_crypto_nonces_are_valid_once(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const crypto = require('@arangodb/crypto');
        const nonce = crypto.createNonce();
        print(nonce.length, crypto.checkAndMarkNonce(nonce), crypto.checkAndMarkNonce(nonce), crypto.checkAndMarkNonce('x'));
    """)
    assert _printed(run) == ["24 true false false"]


def test_console_in_full(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        console.time('work'); require('internal').sleep(1.5); console.timeEnd('work');
        console.errorLines('first\\nsecond'); console.infoLines('%s and %d', 'a\\nb', 7);
        console.group('outer'); console.warn('nested'); console.groupEnd(); console.log('back');
        console.dir({a: [1, 'x']});
        try { console.timeEnd('nope'); } catch (e) { print(e.message); }
        try { console.time(1); } catch (e) { print(e.message); }
        try { console.assert(1 + 1 === 3, 'math is %s', 'hard'); } catch (e) { print(e.name, e.message); }
        console.assert(true, 'not printed');
        function helper() { console.trace('here'); }
        helper();
    """)
    output = list(run.output)
    assert output[:12] == [
        ("info", "work: 1500ms"), ("error", "first"), ("error", "second"), ("info", "a"), ("info", "b and 7"),
        ("info", "  outer"), ("warn", "  nested"), ("log", "back"), ("info", '{ "a" : [ 1, "x" ] }'),
        ("print", "No such label: nope"), ("print", "label must be a string"), ("error", "math is hard"),
    ]
    assert output[12] == ("print", "AssertionError math is hard")
    # the stack as run errors show it: the command's own frames and lines only
    assert output[13:] == [("info", "Trace: here"), ("info", "    at helper (task:70001:10:37)"),
                           ("info", "    at task:70001:11:9")]


def test_users_module_on_the_fakes_users(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const users = require('@arangodb/users');
        print(JSON.stringify(users.save('ann', 'pw', true, {team: 'ops'})));
        try { users.save('ann', 'pw'); } catch (e) { print(e.errorNum, e.errorMessage); }
        users.grantDatabase('ann', '_system', 'ro');
        users.grantCollection('ann', '_system', '*', 'rw');
        print(users.permission('ann', '_system'), users.permission('ann', '_system', 'anything'), users.permission('ann', 'other'));
        print(JSON.stringify(users.permission('ann')), users.exists('ann'), users.exists('bob'), users.isValid('ann', 'pw'));
        print(users.update('nobody', 'x'), users.currentUser(), users.isAuthActive());
        print(JSON.stringify(users.all().map(u => u.user)));
        users.updateConfigData('ann', 'theme', 'dark'); print(JSON.stringify(users.configData('ann')));
        users.remove('ann'); print(users.exists('ann'));
        try { users.remove('ann'); } catch (e) { print(e.errorNum, e.errorMessage); }
        try { users.save(''); } catch (e) { print(e.errorNum, e.errorMessage); }
    """)
    assert _printed(run) == [
        '{"user":"ann","active":true,"extra":{"team":"ops"}}',
        "1702 duplicate user",
        "ro rw none",
        '{"_system":"ro"} true false true',
        "true null false",
        '["ann","root"]',
        '{"theme":"dark"}',
        "false",
        "1703 user not found",
        "1700 invalid user name",
    ]


@pytest.mark.arango_tasks(users={"root": "pw", "ann": User("pw"), "worker": User("pw", {"_system": "ro", "shop": "rw"})})
def test_users_module_permissions(arango_tasks: FakeArangoTasks) -> None:
    root = Http(arango_tasks.url)
    root.session.auth = ("root", "pw")
    assert root.post("/_api/database", {"name": "shop"}).status_code == 201
    http = Http(arango_tasks.url + "/_db/shop")
    http.session.auth = ("worker", "pw")
    run = _one_run(arango_tasks, http, """
        const users = require('@arangodb/users');
        print(JSON.stringify(users.document('worker')), users.currentUser(), users.isAuthActive());
        for (const attempt of [() => users.document('ann'), () => users.save('eve', 'x'), () => users.remove('ann')]) {
          try { attempt(); } catch (e) { print(e.errorNum); }
        }
    """)
    assert _printed(run) == ['{"user":"worker","active":true,"extra":{}} worker true', "11", "11", "11"]


def test_modules_arangodb_has_but_the_fake_does_not_are_not_supported(arango_tasks: FakeArangoTasks,
                                                                      http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        for (const name of ['@arangodb/foxx/queues', 'joi', 'stream', '@arangodb/general-graph', '@arangodb/errors',
                            'child_process', 'left-pad']) {
          try { require(name); print(name, 'loaded'); } catch (e) { print(e.errorNum, JSON.stringify(e.errorMessage)); }
        }
    """)
    assert _printed(run) == [
        "9 \"not supported by fake-arango-tasks: require('@arangodb/foxx/queues')\"",
        "9 \"not supported by fake-arango-tasks: require('joi')\"",
        "9 \"not supported by fake-arango-tasks: require('stream')\"",
        "9 \"not supported by fake-arango-tasks: require('@arangodb/general-graph')\"",
        # ArangoDB has no @arangodb/errors module: its errors are require('@arangodb').errors
        '3100 "cannot locate module\\nFile: @arangodb/errors"',
        '3100 "cannot locate module\\nFile: child_process"',
        '3100 "cannot locate module\\nFile: left-pad"',
    ]


def test_aql_query_is_a_global_as_in_the_server(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """js/server/initialize.js: ``global.aqlQuery = require('@arangodb').aql`` (the Foxx queue
    worker's idiom); a bare ``aql`` global is arangosh's only."""
    http.post("/_api/collection", {"name": "sessions"})
    http.post("/_api/document/sessions", {"_key": "old", "expiresAt": 1})
    run = _one_run(arango_tasks, http, """
        print(aqlQuery === require('@arangodb').aql, typeof aql);
        db._query(aqlQuery`FOR s IN sessions FILTER s.expiresAt < ${Date.now()} REMOVE s IN sessions`);
        print(db.sessions.count());
    """)
    assert _printed(run) == ["true undefined", "0"]


def test_the_version_commands_see_is_the_servers() -> None:
    """``require('internal').version`` (js/common/bootstrap/modules/internal.js: ``global.VERSION``)
    and ``db._version()`` (JS_VersionServer) give the version the server claims."""
    with FakeArangoTasks(version="3.12.7") as fake:
        fake.create_task("print(require('internal').version, db._version(), typeof require('internal').version)",
                         offset=1)
        (run,) = fake.advance(2)
    assert _printed(run) == ["3.12.7 3.12.7 string"]
