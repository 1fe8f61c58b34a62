"""Create or drop a throw-away PostgreSQL database for one CI run: pgdb.py ADMIN_URL create|drop NAME."""

import sys

import psycopg
from psycopg import sql

admin_url, action, name = sys.argv[1:4]
with psycopg.connect(admin_url, autocommit=True) as connection:
    if action == "create":
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    else:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
print(f"database {name}: {action} done")
