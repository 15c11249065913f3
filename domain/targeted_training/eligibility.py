"""Who may place a targeted-training order (seeds/003 section 8; DOMAIN.md rule 1).

Only medium and large enterprises, and not agro-industrial ones (OKED section A,
divisions 01-03). The enterprise's record is read as it is at the time of submission;
an enterprise whose record does not say its size or its OKED code is refused until it
does (it is never assumed eligible).
"""

from __future__ import annotations

from domain.participants.aggregates import EnterpriseSize, is_agro
from domain.targeted_training.errors import (
    AgroIndustrialError,
    EnterpriseSizeUnknownError,
    OkedUnknownError,
    SmallEnterpriseError,
)


def check_eligible(enterprise: str, size: EnterpriseSize | None,
                   oked: str | None) -> tuple[EnterpriseSize, str]:
    """The size and OKED that make ``enterprise`` (its BIN, for the messages) eligible;
    otherwise raise the rule it fails."""
    if size is None:
        raise EnterpriseSizeUnknownError(
            f"enterprise {enterprise} has no size on record: an order is open only to medium "
            "and large enterprises, so the record must say its size first")
    if oked is None:
        raise OkedUnknownError(
            f"enterprise {enterprise} has no OKED code on record: an order is not open to "
            "agro-industrial enterprises, so the record must say its activity first")
    if size is EnterpriseSize.SMALL:
        raise SmallEnterpriseError(
            f"enterprise {enterprise} is a small enterprise: only medium and large "
            "enterprises may place a targeted-training order")
    if is_agro(oked):
        raise AgroIndustrialError(
            f"enterprise {enterprise} is agro-industrial (OKED {oked}, section A, divisions "
            "01-03): agro-industrial enterprises may not place a targeted-training order")
    return size, oked
