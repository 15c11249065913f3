"""Text as the domain stores it: stripped, bounded, and free of what breaks a store or a reader.

A NUL is refused by PostgreSQL's text columns (one in an agreement number once stopped the
projector for good), other control characters and lone surrogates corrupt exports and logs,
so they are refused where text enters, naming the field. Tab and newline are allowed only in
free text that may span lines (duties, comments).
"""

from __future__ import annotations

import re

from domain.shared.errors import InvalidValueError

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_FREE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str, field: str, *, max_length: int = 500, multiline: bool = False,
               required: bool = True) -> str:
    """``value`` stripped; refused if blank (when required), too long, or unprintable."""
    if not isinstance(value, str):
        raise InvalidValueError(f"{field} must be a text", field=field, rule="type")
    if _SURROGATE.search(value):
        raise InvalidValueError(f"{field} holds a lone surrogate: it is not valid Unicode text",
                                field=field, rule="surrogate")
    control = (_CONTROL_IN_FREE_TEXT if multiline else _CONTROL).search(value)
    if control:
        raise InvalidValueError(f"{field} holds the control character "
                                f"U+{ord(control.group()):04X}", field=field,
                                rule="control_character")
    text = value.strip()
    if required and not text:
        raise InvalidValueError(f"{field} must not be blank", field=field, rule="length")
    if len(text) > max_length:
        raise InvalidValueError(f"{field} must be at most {max_length} characters", field=field,
                                rule="length")
    return text
