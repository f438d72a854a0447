#!/usr/bin/env python3
"""Generate the request-path golden table for Micro from a real Flask app on Werkzeug's server.

Micro promises one path: the path it routes on is the path Werkzeug routes on, and the same value is what
``Request.Path``, before-request hooks and middleware see.  This script is the oracle for that value.  It runs
two small Flask apps on Werkzeug's development server (a real socket on 127.0.0.1), sends each probe as a raw
HTTP/1.1 request line -- so the server's own parsing of the request target is part of the answer -- and writes
what Flask saw and answered to

    tests/Micro.Tests/Routing/Golden/paths.json

Regenerate (from the repository root, with Flask 3.1 / Werkzeug 3.1 installed for ``python3``)::

    python3 tools/goldens/path_goldens.py            # (re)write paths.json
    python3 tools/goldens/path_goldens.py --check    # exit 1 if paths.json is stale

The two apps (Micro's test builds the same two):

``echo``
    ``/`` (GET) and ``/<path:p>`` (GET, OPTIONS).  A before-request hook records ``request.path``,
    ``request.method`` and ``request.query_string``; the view records the same and ``p``.  The script checks that
    hook and view saw the same values.
``guard``
    The Flask-style guard ``if request.path.startswith("/admin"): abort(403)`` as a before-request hook, and the
    rules ``/``, ``/admin/<section>``, ``/view`` and ``/dir/``.

Probes are request lines Kestrel accepts as well (it refuses raw non-ASCII bytes, ``%00``, an absolute-form
target whose authority differs from ``Host``, and answers ``GET *`` and ``options *`` itself: only an upper-case
``OPTIONS`` may have the asterisk-form), always with ``Host: localhost``.
See tools/goldens/README.md ("Path goldens") for the format and the one deliberate deviation.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import socket
import sys
import threading
from importlib.metadata import version
from pathlib import Path

import flask
from werkzeug.serving import make_server

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO_ROOT / "tests" / "Micro.Tests" / "Routing" / "Golden" / "paths.json"
GENERATOR = "tools/goldens/path_goldens.py"

REASON_EMPTY_PATH = (
    "An absolute-form target with an empty path (http://localhost, http://localhost?x=1) gives Werkzeug "
    "PATH_INFO '' but request.path '/': Werkzeug routes on '' (a 308 to '/') while its guards read '/'. Micro "
    "keeps one path, '/', for both, so the request is routed as '/' (RFC 9110 4.2.3: an empty path of an http "
    "URI is equivalent to '/')."
)

# --- The probes: the request line without " HTTP/1.1" -------------------------------------------------------------

ECHO = [
    # plain
    "GET /", "GET /x", "GET /x/", "GET /x/y", "GET //x//y", "GET ///x", "GET /x//y/", "GET /x;y=1",
    # dot segments, plain
    "GET /a/..", "GET /a/../b", "GET /a/./b", "GET /a/.", "GET /..", "GET /.", "GET /../a", "GET /a/b/../../c",
    "GET /a/b/..", "GET /a/...", "GET /a/.b",
    # dot segments, encoded, in every mix
    "GET /a/%2e%2e", "GET /a/%2E%2E/b", "GET /a/.%2e", "GET /a/%2e.", "GET /a/%2E", "GET /%2e%2e/%2e%2e/x",
    "GET /a/%2e%2e%2fb", "GET /a%2f..%2fb", "GET /a%2F%2e%2e%2Fb", "GET /a/..%2F..%2Fb", "GET /a/%2e%2E/.%2E/%2e.",
    # encoded slashes, once and twice
    "GET /a%2Fb", "GET /a%2fb", "GET /%2Fa", "GET /%2F%2Fa", "GET /a%2F", "GET /a%252Fb", "GET /a%252fb",
    "GET /%252e%252e/x", "GET /a%25%32%46b",
    # percent signs and escapes
    "GET /a%25", "GET /a%2541", "GET /%41", "GET /a%", "GET /a%zz", "GET /a%2", "GET /a%FF", "GET /a%C3%A9",
    "GET /a%C3", "GET /a%E2%82", "GET /a%C3%28", "GET /a%F0%9F%98%80", "GET /a%20b", "GET /a+b", "GET /a%2Bb",
    "GET /a%3Fb", "GET /a%0Ab",
    # backslashes
    "GET /a\\..\\b", "GET /a%5C..%5Cb", "GET /a%5c", "GET /\\a",
    # a raw '#' ends the path (and the query); an encoded one is data
    "GET /a#frag", "GET /a#/../b", "GET /a?x=1#f", "GET /a#f?x=1", "GET /a%23b", "GET /#", "GET /?#", "GET /a?#",
    "GET /a%2F#b",
    # query strings
    "GET /a?", "GET /a?x=%2541&y", "GET /a??x", "GET /a?x=/../y",
    # absolute-form
    "GET http://localhost", "GET http://localhost/", "GET http://localhost?x=1", "GET http://localhost/a/../b",
    "GET http://localhost/a/%2e%2e/b", "GET http://localhost/a%2Fb", "GET http://localhost/a%2541",
    "GET http://localhost/a%252Fb", "GET http://localhost//a", "GET http://localhost/a\\b",
    "GET http://localhost/a#f", "GET http://localhost#f", "GET http://localhost:80/a", "GET http://LOCALHOST/a",
    "GET http://user@localhost/a", "GET https://localhost/a", "GET http://localhost/a?x=%2541#f",
    "GET http://localhost/a?", "GET http://localhost/%2e%2e/%2e%2e/a",
    # methods: upper-cased, whatever the form
    "get /a", "Get /a", "gEt http://localhost/a/../b", "HEAD /a", "head /a/%2e%2e", "OPTIONS /a",
    "options /a", "OPTIONS *",
]

GUARD = [
    # the four reproductions
    "GET /admin/..", "GET /admin/%2e%2e", "GET /admin/.%2e", "GET /admin/../view",
    # the same class
    "GET /admin/%2E.", "GET /admin/x", "GET /admin/x/..", "GET /admin%2Fx", "GET /admin%2fx", "GET /%2Fadmin/x",
    "GET //admin/x", "GET /x/../admin/y", "GET /x/%2e%2e/admin/y", "GET /admin%2F..%2Fview",
    "GET http://localhost/admin/../view", "GET http://localhost/admin/%2e%2e", "GET http://localhost//admin/x",
    "GET /admin#x", "GET /view#/admin", "GET /admin\\..\\view", "get /admin/x",
    # not the admin area
    "GET /", "GET /view", "GET /view/..", "GET /view/%2e%2e", "GET /Admin/x",
    # strict slashes: the redirect keeps the query, but no empty '?'
    "GET /dir", "GET /dir?", "GET /dir?#", "GET /dir#x", "GET /dir?a=1", "GET /dir?a=1#x", "GET /dir?a=%2541",
    "GET http://localhost/dir?", "GET http://localhost/dir?a=1", "HEAD /dir",
    # methods
    "POST /view", "post /view", "OPTIONS /", "OPTIONS /dir/", "OPTIONS *", "GET http://localhost",
]

# (suite, probe) -> what Micro answers instead, and why.  Only absolute-form targets with an empty path; the script
# stops if such a probe is added without an entry here.
MICRO_ROOT = {"status": 200, "view": True, "location": None, "reason": REASON_EMPTY_PATH}
DEVIATIONS = {
    ("echo", "GET http://localhost"): MICRO_ROOT,
    ("echo", "GET http://localhost?x=1"): MICRO_ROOT,
    ("echo", "GET http://localhost#f"): MICRO_ROOT,
    ("guard", "GET http://localhost"): MICRO_ROOT,
}


def empty_absolute_path(target: str) -> bool:
    """An absolute-form target (scheme://authority) whose path is empty."""
    match = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*(.*)$", target)
    return match is not None and match.group(1)[:1] in ("", "?", "#")

# --- The apps --------------------------------------------------------------------------------------------------------

observed: dict[str, dict] = {}


def seen(where: str) -> None:
    request = flask.request
    probe = request.headers.get("X-Probe", "")
    observed.setdefault(probe, {})[where] = {
        "path": request.path,
        "method": request.method,
        "query": request.query_string.decode("latin-1"),
    }


def echo_app() -> flask.Flask:
    app = flask.Flask("echo", static_folder=None)

    @app.before_request
    def hook():
        seen("hook")

    @app.route("/")
    def root():
        seen("view")
        return "root"

    @app.route("/<path:p>", methods=["GET", "OPTIONS"])
    def echo(p):
        seen("view")
        observed[flask.request.headers.get("X-Probe", "")]["p"] = p
        return "echo"

    return app


def guard_app() -> flask.Flask:
    app = flask.Flask("guard", static_folder=None)

    @app.before_request
    def guard():
        seen("hook")
        if flask.request.path.startswith("/admin"):
            flask.abort(403)

    @app.route("/")
    def root():
        return "root"

    @app.route("/admin/<section>")
    def admin(section):
        return "admin " + section

    @app.route("/view")
    def view():
        return "view"

    @app.route("/dir/")
    def directory():
        return "dir"

    return app


def send(port: int, line: str, probe: str) -> tuple[int, dict[str, str]]:
    head = f"{line} HTTP/1.1\r\nHost: localhost\r\nX-Probe: {probe}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(head.encode("ascii"))
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    lines = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for header in lines[1:]:
        name, _, value = header.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers


def run_suite(name: str, app: flask.Flask, probes: list[str]) -> list[dict]:
    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    results = []
    try:
        for index, line in enumerate(probes):
            probe = f"{name}-{index}"
            status, headers = send(server.server_port, line, probe)
            record = observed.pop(probe, {})
            hook = record.get("hook")
            view = record.get("view")
            if view is not None and view != hook:
                sys.exit(f"{name}: {line!r}: the view saw {view} but the hook saw {hook}")
            method, _, target = line.partition(" ")
            entry = {
                "method": method,
                "target": target,
                "status": status,
                "path": hook["path"] if hook else None,
                "request_method": hook["method"] if hook else None,
                "query": hook["query"] if hook else None,
                "view": view is not None,
                "p": record.get("p"),
                "location": headers.get("location"),
                "allow": sorted(part.strip() for part in headers["allow"].split(",")) if "allow" in headers else None,
            }
            if (name, line) in DEVIATIONS:
                entry["micro"] = DEVIATIONS[(name, line)]
            elif empty_absolute_path(target):
                sys.exit(f"{name}: {line!r}: an absolute-form target with an empty path needs a DEVIATIONS entry")
            results.append(entry)
    finally:
        server.shutdown()
        thread.join()
    return results


def generate() -> str:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    document = {
        "generator": GENERATOR,
        "werkzeug": version("werkzeug"),
        "flask": version("flask"),
        "host": "localhost",
        "suites": [
            {"name": "echo", "requests": run_suite("echo", echo_app(), ECHO)},
            {"name": "guard", "requests": run_suite("guard", guard_app(), GUARD)},
        ],
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file on disk is stale")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    arguments = parser.parse_args()
    text = generate()
    if arguments.check:
        current = arguments.output.read_text(encoding="utf-8") if arguments.output.exists() else ""
        if current != text:
            print(f"{arguments.output} is stale; run {GENERATOR}", file=sys.stderr)
            return 1
        return 0
    arguments.output.write_text(text, encoding="utf-8")
    print(f"wrote {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
