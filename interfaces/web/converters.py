"""Path parameters ``<bin:...>`` and ``<iin:...>``: a malformed identifier names no resource.

A BIN or IIN that fails its checks does not match the route, so the answer is a
404 (exactly as for a well-formed number that nobody registered).
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import BaseConverter, ValidationError

from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN


class _IdentifierConverter(BaseConverter):
    regex = r"\d{12}"
    parse: Any = None

    def to_python(self, value: str) -> str:
        try:
            return type(self).parse(value).value
        except InvalidValueError:
            raise ValidationError() from None


class BinConverter(_IdentifierConverter):
    parse = BIN.parse


class IinConverter(_IdentifierConverter):
    parse = IIN.parse


def identifier_schema(converter: BaseConverter) -> dict[str, Any]:
    return {"type": "string", "pattern": r"^\d{12}$"}


CONVERTERS = {"bin": BinConverter, "iin": IinConverter}
