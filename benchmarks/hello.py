"""The yardstick: a bare Flask "hello", served by the same gunicorn settings as the app in `make bench`."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
