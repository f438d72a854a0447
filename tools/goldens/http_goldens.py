#!/usr/bin/env python3
"""Write the goldens for Micro's HTTP details, produced by the real Flask/Werkzeug.

    python3 tools/goldens/http_goldens.py           # (re)write the files
    python3 tools/goldens/http_goldens.py --check   # exit 1 if a file is stale

Writes:
- tests/Micro.Tests/Files/Golden/preconditions.json: conditional and range requests against send_file and the
  static route. Header values name the response's own validators as placeholders ({etag}, {last_modified}, {older},
  {newer}), so the C# tests substitute Micro's ETag and Last-Modified and compare status, Content-Range and body.
- tests/Micro.Tests/Sessions/Golden/duplicate_cookies.json: which of several same-named session cookies Flask reads.

A probe with a "micro" object is a deliberate deviation: Micro must answer micro.* instead, for micro.reason.
The C# tests never need Python.
"""

from __future__ import annotations

import email.utils
import json
import os
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import flask

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "Micro.Tests" / "Files" / "Golden" / "preconditions.json"
COOKIES = ROOT / "tests" / "Micro.Tests" / "Sessions" / "Golden" / "duplicate_cookies.json"

BODY = "0123456789"
MTIME = 1_700_000_000  # the file's modification time
OLDER = email.utils.formatdate(MTIME - 86_400, usegmt=True)
NEWER = email.utils.formatdate(MTIME + 86_400, usegmt=True)

# RFC 9110 section 14.2: "An origin server MUST ignore a Range header field that contains a range unit it does not
# understand." Werkzeug answers 416 instead; Micro follows the RFC.
UNKNOWN_UNIT = "RFC 9110 section 14.2: a Range with a unit the server does not understand is ignored (200, whole body); Werkzeug answers 416."
# RFC 9110 section 14.2: "A server MAY ignore the Range header field." The platform's file results serve the whole
# body for a Range they do not support (several ranges) or cannot parse, rather than Werkzeug's 416.
IGNORED_RANGE = "RFC 9110 section 14.2 lets a server ignore a Range it does not support or cannot parse; the platform's file results then send the whole body (200) where Werkzeug answers 416."
# RFC 9110 section 13.2.2: preconditions are evaluated before Range (step 6), and a matching If-None-Match on a GET
# is a 304 (step 3). Werkzeug serves the range (206).
RANGE_AFTER_PRECONDITIONS = "RFC 9110 section 13.2.2: preconditions are evaluated before Range, so a matching If-None-Match is a 304; Werkzeug answers 206."

WHOLE = {"status": 200, "content_range": None, "body": BODY}
NOT_MODIFIED = {"status": 304, "content_range": None, "body": None}

PROBES = [
    # (name, headers, deviation): a deviation is (what Micro answers instead, why)
    ("plain", {}, None),
    ("if-none-match-matches", {"If-None-Match": "{etag}"}, None),
    ("if-none-match-weak-matches", {"If-None-Match": "W/{etag}"}, None),
    ("if-none-match-star", {"If-None-Match": "*"}, None),
    ("if-none-match-other", {"If-None-Match": '"other"'}, None),
    # RFC 9110 section 13.2.2: If-None-Match takes precedence; If-Modified-Since is then not evaluated.
    ("if-none-match-matches-with-older-if-modified-since", {"If-None-Match": "{etag}", "If-Modified-Since": "{older}"}, None),
    ("if-none-match-other-with-current-if-modified-since", {"If-None-Match": '"other"', "If-Modified-Since": "{last_modified}"}, None),
    ("if-modified-since-current", {"If-Modified-Since": "{last_modified}"}, None),
    ("if-modified-since-newer", {"If-Modified-Since": "{newer}"}, None),
    ("if-modified-since-older", {"If-Modified-Since": "{older}"}, None),
    ("if-match-other", {"If-Match": '"other"'}, None),
    ("if-match-matches", {"If-Match": "{etag}"}, None),
    # RFC 9110 section 13.2.2: If-Match takes precedence; If-Unmodified-Since is then not evaluated.
    ("if-match-matches-with-older-if-unmodified-since", {"If-Match": "{etag}", "If-Unmodified-Since": "{older}"}, None),
    ("range-bytes", {"Range": "bytes=0-1"}, None),
    ("range-bytes-upper-case-unit", {"Range": "BYTES=2-4"}, None),
    ("range-suffix", {"Range": "bytes=-3"}, None),
    ("range-open-end", {"Range": "bytes=7-"}, None),
    ("range-unsatisfiable", {"Range": "bytes=20-30"}, None),
    ("range-unknown-unit", {"Range": "items=0-1"}, (WHOLE, UNKNOWN_UNIT)),
    ("range-unknown-unit-unsatisfiable", {"Range": "items=20-30"}, (WHOLE, UNKNOWN_UNIT)),
    ("range-several", {"Range": "bytes=0-1,3-4"}, (WHOLE, IGNORED_RANGE)),
    ("range-malformed", {"Range": "bytes 0-1"}, (WHOLE, IGNORED_RANGE)),
    ("range-with-matching-if-none-match", {"Range": "bytes=0-1", "If-None-Match": "{etag}"}, (NOT_MODIFIED, RANGE_AFTER_PRECONDITIONS)),
]


def probe_files() -> dict:
    folder = Path(tempfile.mkdtemp())
    (folder / "static").mkdir()
    path = folder / "static" / "digits.txt"
    path.write_text(BODY)
    os.utime(path, (MTIME, MTIME))

    app = flask.Flask(__name__, static_folder=str(folder / "static"))
    app.add_url_rule("/file", "file", lambda: flask.send_file(str(path)))
    client = app.test_client()

    routes = []
    for route in ["/file", "/static/digits.txt"]:
        first = client.get(route)
        values = {"etag": first.headers["ETag"], "last_modified": first.headers["Last-Modified"], "older": OLDER, "newer": NEWER}
        assert first.data.decode() == BODY
        cases = []
        for name, headers, deviation in PROBES:
            sent = {key: value.format(**values) for key, value in headers.items()}
            response = client.get(route, headers=sent)
            case = {
                "name": name,
                "headers": headers,
                "status": response.status_code,
                "content_range": response.headers.get("Content-Range"),
                "body": response.data.decode() if response.status_code in (200, 206) else None,
            }
            if deviation is not None:
                micro, reason = deviation
                # A deviation that matches what Werkzeug does is a mistake in this list.
                assert (micro["status"], micro["content_range"], micro["body"]) != (case["status"], case["content_range"], case["body"]), name
                case["micro"] = {**micro, "reason": reason}
            cases.append(case)
        routes.append({"route": "send_file" if route == "/file" else "static", "cases": cases})

    return {"generator": "tools/goldens/http_goldens.py", "flask": version("flask"), "werkzeug": version("werkzeug"), "body": BODY, "routes": routes}


COOKIE_CASES = [
    # The Cookie header with placeholders {a} and {b}, two valid session cookies holding user "a" and "b".
    "session={a}; session={b}",
    "session={b}; session={a}",
    "other=1; session={a}; x=2; session={b}",
    "session=garbage; session={b}",
    "session=; session={b}",
]


def probe_cookies() -> dict:
    app = flask.Flask(__name__)
    app.secret_key = "golden"
    app.add_url_rule("/set/<value>", "set", lambda value: flask.session.__setitem__("user", value) or "ok")
    app.add_url_rule("/get", "get", lambda: str(flask.session.get("user")))
    setter = app.test_client()

    def cookie(value: str) -> str:
        header = setter.get("/set/" + value).headers["Set-Cookie"]
        return header.split(";", 1)[0].split("=", 1)[1]

    values = {"a": cookie("a"), "b": cookie("b")}
    reader = app.test_client(use_cookies=False)
    cases = []
    for header in COOKIE_CASES:
        got = reader.get("/get", headers={"Cookie": header.format(**values)}).data.decode()
        cases.append({"cookie": header, "user": None if got == "None" else got})
    return {"generator": "tools/goldens/http_goldens.py", "flask": version("flask"), "werkzeug": version("werkzeug"), "cases": cases}


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = False
    for target, data in [(FILES, probe_files()), (COOKIES, probe_cookies())]:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if check:
            if not target.exists() or target.read_text() != text:
                print(f"stale: {target.relative_to(ROOT)}")
                stale = True
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
            print(f"wrote {target.relative_to(ROOT)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
