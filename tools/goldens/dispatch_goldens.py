#!/usr/bin/env python3
"""Write the goldens for Micro's dispatcher, produced by the real Flask 3.1 (small apps driven by app.test_client()).

    python3 tools/goldens/dispatch_goldens.py           # (re)write the files
    python3 tools/goldens/dispatch_goldens.py --check   # exit 1 if a file is stale

Writes to tests/Micro.Tests/Hosting/Golden/:
- error_handlers.json: which error handler Flask's _find_error_handler picks. Each case registers handlers on the app,
  a blueprint "outer" and a blueprint "inner" nested in it, keyed by status code (404, 500) or by class
  (HTTPException, Exception, Base, Derived(Base)); then every route raises every error. The handler answers its own
  name ("outer:Base"); "default:404" is Werkzeug's page. The cases are a fixed pseudo-random sample of the subsets.
- form_types.json: Flask's request.form.get(name, default, type=int|float) over spellings Python's int() and float()
  accept or refuse (underscores, whitespace, signs, inf/nan, non-ASCII digits, overflow), and the bad request page
  request.form[name] answers for a missing field.
- options.json: the automatic OPTIONS answer (status, headers, body; Allow sorted, as Werkzeug's order is a set's).

The C# tests never need Python.
"""

from __future__ import annotations

import json
import math
import random
import sys
from importlib.metadata import version
from pathlib import Path

import flask
from werkzeug.exceptions import HTTPException, abort

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "Micro.Tests" / "Hosting" / "Golden"

SCOPES = ["app", "outer", "inner"]
KEYS = ["404", "500", "HTTPException", "Exception", "Base", "Derived"]
ROUTES = {"app": "/a", "outer": "/o/b", "inner": "/o/i/c"}
RAISES = ["abort404", "abort403", "abort500", "base", "derived", "exception"]


class Base(Exception):
    pass


class Derived(Base):
    pass


def raise_it(what: str):
    if what.startswith("abort"):
        abort(int(what[5:]))
    raise {"base": Base, "derived": Derived, "exception": Exception}[what]("boom")


def key_of(key: str):
    return {"404": 404, "500": 500, "HTTPException": HTTPException, "Exception": Exception, "Base": Base, "Derived": Derived}[key]


def error_case(registrations: list[tuple[str, str]]):
    app = flask.Flask(__name__)
    app.logger.disabled = True
    outer = flask.Blueprint("outer", __name__, url_prefix="/o")
    inner = flask.Blueprint("inner", __name__, url_prefix="/i")
    scopes = {"app": app, "outer": outer, "inner": inner}
    for scope, route in ROUTES.items():
        target = scopes[scope]
        rule = route.rsplit("/", 1)[1]
        target.add_url_rule("/" + rule, rule, lambda: raise_it(flask.request.args["raise"]))
    for scope, key in registrations:
        scopes[scope].register_error_handler(key_of(key), (lambda name: lambda e: (name, 200))(f"{scope}:{key}"))
    outer.register_blueprint(inner)
    app.register_blueprint(outer)
    client = app.test_client()
    probes = []
    for scope, route in ROUTES.items():
        for what in RAISES:
            probes.append(probe(client, route, what))
    probes.append(probe(client, "/missing", "abort404"))
    return {"handlers": [{"scope": s, "key": k} for s, k in registrations], "probes": probes}


def probe(client, route: str, what: str):
    response = client.get(f"{route}?raise={what}")
    text = response.get_data(as_text=True)
    answer = text if response.status_code == 200 else f"default:{response.status_code}"
    return {"path": route, "raise": what, "status": response.status_code, "handler": answer}


def error_handlers():
    rng = random.Random(13)
    everything = [(s, k) for s in SCOPES for k in KEYS]
    cases = [[], everything, [("app", "Exception"), ("outer", "HTTPException")], [("app", "404"), ("inner", "Exception")],
             [("app", "Base"), ("inner", "Exception")], [("app", "HTTPException")], [("outer", "Derived"), ("inner", "Base")]]
    while len(cases) < 120:
        count = rng.randint(1, 6)
        cases.append(sorted(rng.sample(everything, count), key=everything.index))
    return {"generator": "tools/goldens/dispatch_goldens.py", "flask": version("flask"), "cases": [error_case(c) for c in cases]}


SPELLINGS = ["42", "1_000", " 42 ", "+5", "-7", "-0", "1.5", "", "0x10", "\u0661\u0662", "1__0", "_1", "1_", "1e3",
             "inf", "nan", " -Infinity ", "1_000.5", ".5", "5.", "infinity", "INF", "+nan", "1,5", "\u0663.\u0665",
             "0b1", "00012", "\t7\n", "1 2", "NaN", "1e400", "-1e400", "2147483647", "2147483648", "-2147483648",
             "9223372036854775808", "1.7976931348623157e308", "abc", "\u0661_\u0662", "1e-400", "0.1", "-.5e-3", "١٫٥"]


def number(value):
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    return str(value)


def form_types():
    app = flask.Flask(__name__)
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.post("/get")
    def get():
        converted = flask.request.form.get("v", "default", type=int if flask.request.args["type"] == "int" else float)
        return "default" if converted == "default" else number(converted)

    @app.post("/missing")
    def missing():
        return flask.request.form["name"]

    client = app.test_client()
    rows = []
    for spelling in SPELLINGS:
        for kind in ("int", "float"):
            answer = client.post(f"/get?type={kind}", data={"v": spelling}).get_data(as_text=True)
            rows.append({"value": spelling, "type": kind, "result": None if answer == "default" else answer})
    page = client.post("/missing", data={"other": "1"})
    return {
        "generator": "tools/goldens/dispatch_goldens.py",
        "flask": version("flask"),
        "conversions": rows,
        "missing_field": {"status": page.status_code, "content_type": page.content_type, "body": page.get_data(as_text=True)},
    }


def options():
    app = flask.Flask(__name__)
    app.add_url_rule("/f", "f", lambda: "x", methods=["POST"])
    app.add_url_rule("/g", "g", lambda: "x")
    client = app.test_client()
    answers = []
    for path in ("/f", "/g"):
        response = client.options(path)
        answers.append({"path": path, "status": response.status_code, "content_type": response.headers["Content-Type"],
                        "allow": ", ".join(sorted(response.headers["Allow"].split(", "))), "content_length": response.headers["Content-Length"],
                        "body": response.get_data(as_text=True)})
    return {"generator": "tools/goldens/dispatch_goldens.py", "flask": version("flask"), "answers": answers}


def main() -> int:
    check = "--check" in sys.argv[1:]
    files = {"error_handlers.json": error_handlers(), "form_types.json": form_types(), "options.json": options()}
    stale = False
    for name, data in files.items():
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        path = OUT / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"stale: {path.relative_to(ROOT)}")
                stale = True
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
