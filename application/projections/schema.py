"""The view tables, described without SQL: each store turns them into its own DDL.

Every table is written by exactly one source application (``Table.source``), so two
runners working on different sources never write the same row, and a batch that
holds its source's tracking lock is the only writer of its tables.

No column holds personal data: people appear only as keyed, non-reversible
pseudonyms (``trainee_key``, ``mentor_key``), good for counting distinct people and
for finding a caller's own rows, useless for learning who they are.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum


class ColumnType(Enum):
    TEXT = "text"
    INT = "int"
    DATE = "date"
    TIMESTAMP = "timestamp"
    MONEY = "money"  # Decimal KZT, stored exactly (as whole tiyn)
    JSON = "json"  # lists and dicts of str/int, for the facts a row is recomputed from


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    nullable: bool = False


@dataclass(frozen=True, eq=False)  # one object per table: hashed by identity, cheaply
class Table:
    name: str
    source: str
    key: str
    columns: tuple[Column, ...]
    # Secondary indexes (one column each): the list filters and the monitoring groups.
    indexes: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


TEXT, INT, DATE, TIMESTAMP, MONEY, JSON = (
    ColumnType.TEXT, ColumnType.INT, ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.MONEY,
    ColumnType.JSON)


def _columns(*specs: tuple[str, ColumnType] | tuple[str, ColumnType, bool]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


ORGANISATIONS = Table("organisations", "participants", "bin", _columns(
    ("bin", TEXT), ("kind", TEXT), ("name", TEXT), ("region", TEXT), ("size", TEXT, True),
    ("oked", TEXT, True), ("league", TEXT, True),
))

AGREEMENTS = Table("agreements", "agreements", "agreement_id", _columns(
    ("agreement_id", TEXT), ("number", TEXT), ("status", TEXT), ("college_bin", TEXT),
    ("enterprise_bin", TEXT), ("region", TEXT), ("specialty_code", TEXT),
    ("qualification", TEXT), ("start_date", DATE), ("end_date", DATE), ("year", INT),
    ("planned_practice_months", INT), ("trainee_key", TEXT),
    ("current_mentor_key", TEXT, True), ("activated_on", DATE, True), ("closed_on", DATE, True),
    ("suspension_open", INT), ("practice_periods", JSON), ("practice_months", INT),
    ("practice_days", INT), ("compensation_total", MONEY), ("version", INT),
    ("registered_at", TIMESTAMP), ("updated_at", TIMESTAMP),
    # For the deadlines (application.projections.deadlines): the business day of
    # registration, who must sign and who has signed the current terms, the first briefing.
    ("registered_on", DATE), ("signatories", JSON), ("signed_by", JSON),
    ("safety_briefing_on", DATE, True),
), indexes=("status", "college_bin", "enterprise_bin", "region", "year", "trainee_key",
            "current_mentor_key"))

MENTOR_CONTRACTS = Table("mentor_contracts", "mentor_payments", "contract_id", _columns(
    ("contract_id", TEXT), ("number", TEXT), ("college_bin", TEXT), ("enterprise_bin", TEXT),
    ("mentor_key", TEXT), ("start_date", DATE), ("end_date", DATE), ("year", INT),
    ("ceiling", MONEY), ("acts", JSON), ("payments", JSON), ("approved_total", MONEY),
    ("paid_total", MONEY), ("reversed_total", MONEY), ("version", INT),
    ("updated_at", TIMESTAMP),
), indexes=("college_bin", "enterprise_bin", "year", "mentor_key"))

# The certificate's organisations and region, for its list (by college, by enterprise).
CERTIFICATES = Table("certificates", "work_experience", "agreement_id", _columns(
    ("agreement_id", TEXT), ("number", TEXT), ("first_issued_on", DATE), ("issued_on", DATE),
    ("credited_months", INT), ("credited_days", INT), ("corrections", INT),
    ("updated_at", TIMESTAMP), ("college_bin", TEXT), ("enterprise_bin", TEXT),
    ("region", TEXT),
), indexes=("college_bin", "enterprise_bin"))

# An enterprise's mentors, for its list: the mentor as a pseudonym only (no IIN, no
# name: the list reads those from the record, where erasure reaches them).
MENTORS = Table("mentors", "participants", "mentor_id", _columns(
    ("mentor_id", TEXT), ("enterprise_bin", TEXT), ("mentor_key", TEXT), ("active", INT),
    ("version", INT), ("registered_at", TIMESTAMP), ("updated_at", TIMESTAMP),
), indexes=("enterprise_bin",))

# Reimbursement (Order No. 597): ``year`` is the academic year's first calendar year
# (2026 for 2026-2027); the region is the agreement's (its college's).
REIMBURSEMENT_CLAIMS = Table("reimbursement_claims", "reimbursement", "claim_id", _columns(
    ("claim_id", TEXT), ("agreement_id", TEXT), ("college_bin", TEXT), ("enterprise_bin", TEXT),
    ("region", TEXT), ("month", TEXT), ("year", INT), ("status", TEXT), ("claimed", MONEY),
    ("payable", MONEY), ("practice_days", INT), ("approved", MONEY), ("paid", MONEY),
    ("payments", JSON), ("version", INT), ("submitted_at", TIMESTAMP),
    ("updated_at", TIMESTAMP),
    # For the deadlines: the business day of submission (a claim awaits a decision from it).
    ("submitted_on", DATE),
), indexes=("agreement_id", "status", "college_bin", "enterprise_bin", "region", "year"))

REIMBURSEMENT_BUDGETS = Table("reimbursement_budgets", "reimbursement", "budget_id", _columns(
    ("budget_id", TEXT), ("college_bin", TEXT), ("year", INT), ("amount", MONEY),
    ("version", INT), ("updated_at", TIMESTAMP),
), indexes=("college_bin", "year"))

# One row per patronage memorandum; what was delivered is kept as dated facts (JSON) so
# that the monitoring figures can be counted per year (application.projections.patronage).
PATRONAGE_MEMORANDA = Table("patronage_memoranda", "patronage", "memorandum_id", _columns(
    ("memorandum_id", TEXT), ("number", TEXT), ("status", TEXT), ("enterprise_bin", TEXT),
    ("college_bin", TEXT), ("region", TEXT), ("valid_from", DATE), ("valid_to", DATE),
    ("signatures", JSON), ("in_force_from", DATE, True), ("terminated_on", DATE, True),
    ("commitments", JSON), ("fulfilments", JSON), ("material_aid", JSON), ("programmes", JSON),
    ("material_aid_total", MONEY), ("version", INT), ("drafted_at", TIMESTAMP),
    ("updated_at", TIMESTAMP),
), indexes=("enterprise_bin", "college_bin", "region"))

# One row per targeted-training order; its students only by enrolment number, with what
# the figures count (``application.projections.targeted_rows``): no IIN, no name.
TARGETED_ORDERS = Table("targeted_orders", "targeted_training", "order_id", _columns(
    ("order_id", TEXT), ("number", TEXT), ("status", TEXT), ("college_bin", TEXT),
    ("enterprise_bin", TEXT), ("region", TEXT), ("specialty_code", TEXT),
    ("qualification", TEXT), ("academic_year", TEXT), ("year", INT), ("places", INT),
    ("employment_obligation_months", INT), ("submitted_on", DATE), ("decided_on", DATE, True),
    ("enrolments", JSON), ("enrolled", INT), ("withdrawn", INT), ("graduated", INT),
    ("employed", INT), ("released", INT), ("early_ends", INT), ("version", INT),
    ("updated_at", TIMESTAMP),
), indexes=("status", "college_bin", "enterprise_bin", "region", "year"))

TABLES: tuple[Table, ...] = (ORGANISATIONS, AGREEMENTS, MENTOR_CONTRACTS, CERTIFICATES,
                             REIMBURSEMENT_CLAIMS, REIMBURSEMENT_BUDGETS, PATRONAGE_MEMORANDA,
                             TARGETED_ORDERS, MENTORS)
SOURCES: tuple[str, ...] = tuple(dict.fromkeys(table.source for table in TABLES))



def _fingerprint() -> str:
    """Changes whenever a table's shape does: views made by another shape need a rebuild."""
    shape = repr([(t.name, t.key, [(c.name, c.type.value, c.nullable) for c in t.columns])
                  for t in TABLES])
    return hashlib.sha256(shape.encode()).hexdigest()[:16]


FINGERPRINT = _fingerprint()
