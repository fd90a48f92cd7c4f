"""Model rows read by plain SQL, for the few queries every request makes.

The ORM spends 0.6-1.0 ms of CPU building a query that SQLite runs in tens of microseconds; on the paths
every request takes (the token's user, the session of an upload) the SQL is written out instead, inside
the selector or class that owns it, and turned into a model instance here exactly as the ORM would.
"""

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
    fields = model._meta.concrete_fields
    values = []
    for field, value in zip(fields, row, strict=True):
        column = field.get_col(model._meta.db_table)
        for convert in connection.ops.get_db_converters(column) + column.get_db_converters(connection):
            value = convert(value, column, connection)
        values.append(value)
    return model.from_db(connection.alias, [field.attname for field in fields], values)
