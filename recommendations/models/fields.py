"""Model fields for documents stored whole (the recommendation, the analogous cases).

Migrations 0005 and 0007 refer to these as `recommendations.models.FastJSONEncoder` and
`recommendations.models.DocumentField`: `models/__init__.py` keeps those names.
"""

import json
from typing import Any

import orjson
from django.db import models


class FastJSONEncoder(json.JSONEncoder):
    """Encodes with orjson: several times faster than the standard library on the ~12 KB
    recommendation documents, which matters when a task stores them by the hundred thousand.
    The JSON is the same apart from spacing and non-ASCII characters written as such."""

    def encode(self, o: Any) -> str:
        return orjson.dumps(o).decode()


class DocumentField(models.JSONField):
    """A JSON document written once and read whole (a recommendation, the analogous cases).

    Encoded with orjson. On PostgreSQL the column is `json`, not `jsonb` (migration 0006),
    and the driver hands such values back already decoded: they are taken as they come.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("encoder", FastJSONEncoder)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is not None and not isinstance(value, str | bytes | bytearray):
            return value
        # The stub takes str only; Django's json.loads decodes bytes as well.
        return super().from_db_value(value, expression, connection)  # type: ignore[arg-type]
