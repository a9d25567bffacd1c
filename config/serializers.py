"""The backup's serialization: Django's JSON, with date-times to the microsecond.

Django's JSON encoder cuts date-times to the millisecond, so a restored value differs from
the original below it, and a value whose microseconds were under 1,000 was written
".000" the first time and without a fraction after a restore. Full precision makes the
round trip exact. Django's own JSON deserializer reads these files (`loaddata`).
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self) -> None:
        # Django's json.Serializer has _init_options; the stub leaves it out.
        super()._init_options()  # type: ignore[misc]
        self.json_kwargs["cls"] = ExactEncoder
