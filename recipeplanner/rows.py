"""Model rows read by plain SQL, for the few queries every request makes.

The ORM spends about 1 ms of CPU building a query that SQLite runs in tens of microseconds; on the paths
every request takes (the token's user, the session and the dish of an upload) the SQL is written out
instead, inside the selector, service or class that owns it, and its row turned into a model instance here
as the ORM would.
"""

import functools

from django.db import connection
from django.db.models import Model


def columns(model: type[Model]) -> str:
    """Every concrete column of the model's table, qualified and quoted, in field order: a SELECT list
    whose rows `instance` reads."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    return ", ".join(f"{table}.{quote(field.column)}" for field in model._meta.concrete_fields)


def instance(model: type[Model], row: tuple) -> Model:
    """The model instance for a row selected with `columns(model)`: each value converted as the ORM converts
    it (SQLite's dates, UUIDs and booleans), the instance marked as loaded from the database."""
    values = []
    for value, (column, converters) in zip(row, _converters(model, connection.vendor), strict=True):
        for convert in converters:
            value = convert(value, column, connection)
        values.append(value)
    return model.from_db(connection.alias, [field.attname for field in model._meta.concrete_fields], values)


@functools.cache
def _converters(model: type[Model], vendor: str) -> list[tuple]:
    """For each concrete column of the model: (the column, the database's converters and the field's own),
    as the compiler looks them up for every query; looked up once per model and database kind."""
    found = []
    for field in model._meta.concrete_fields:
        column = field.get_col(model._meta.db_table)
        found.append(
            (column, connection.ops.get_db_converters(column) + column.get_db_converters(connection))
        )
    return found
