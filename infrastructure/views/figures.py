"""The read queries: one page of a view, and the monitoring sums (portable SQL).

What each figure means is documented in ``application.projections.monitoring``; the
SQL here only counts and sums. Group columns and sort columns come from fixed lists in
the application layer, values always travel as parameters.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

from application.projections.ports import Row
from application.projections.schema import AGREEMENTS, ColumnType, Table
from infrastructure.views.dialect import TableNames, from_cents

STARTED = "('active', 'suspended', 'completed', 'terminated')"
STATUSES = ("draft", "active", "suspended", "completed", "terminated", "cancelled")
_GROUP_COLUMNS = ("region", "college_bin", "enterprise_bin", "specialty_code")
_CONTRACT_GROUPS = {"region": 'o."region"', "college_bin": 'm."college_bin"',
                    "enterprise_bin": 'm."enterprise_bin"'}


def _where(conditions: Sequence[tuple[str, Any]]) -> tuple[str, list[Any]]:
    present = [(sql, value) for sql, value in conditions if value is not None]
    if not present:
        return "", []
    return " WHERE " + " AND ".join(sql for sql, _ in present), [v for _, v in present]


def select(store: TableNames, cursor: Any, table: Table, filters: Mapping[str, Any],
           order: Sequence[tuple[str, bool]], limit: int, offset: int) -> tuple[list[Row], int]:
    encode = store.dialect.encode
    where, params = _where([(f'"{name}" = ?', encode(value, table.column(name).type))
                            for name, value in sorted(filters.items())])
    name = store.table_name(table)
    cursor.execute(store.dialect.sql(f"SELECT COUNT(*) FROM {name}{where}"), params)
    total = int(cursor.fetchone()[0])
    columns = ", ".join(f'"{column}"' for column in table.column_names)
    ordering = ", ".join(f'"{table.column(column).name}"{" DESC" if descending else ""}'
                         for column, descending in order)
    cursor.execute(store.dialect.sql(f"SELECT {columns} FROM {name}{where} ORDER BY {ordering} "
                                     "LIMIT ? OFFSET ?"), [*params, limit, offset])
    return [store.decode_row(table, values) for values in cursor.fetchall()], total


_IN_CHUNK = 500  # parameters per statement: well under SQLite's and PostgreSQL's limits


def select_in(store: TableNames, cursor: Any, table: Table, column: str,
              values: Collection[Any]) -> list[Row]:
    """Rows whose ``column`` is one of ``values``, in chunks of parameters."""
    kind = table.column(column).type
    wanted = [store.dialect.encode(value, kind) for value in dict.fromkeys(values)]
    columns = ", ".join(f'"{name}"' for name in table.column_names)
    found: list[Row] = []
    for start in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[start:start + _IN_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        cursor.execute(store.dialect.sql(f"SELECT {columns} FROM {store.table_name(table)} "
                                         f'WHERE "{table.column(column).name}" IN ({marks})'),
                       chunk)
        found += [store.decode_row(table, values) for values in cursor.fetchall()]
    return found


def _fetch(cursor: Any) -> list[Row]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def agreement_figures(store: TableNames, cursor: Any, group_by: str, *, year: int | None,
                      region: str | None, today: date, overdue_before: date,
                      with_region: bool) -> list[Row]:
    if group_by not in _GROUP_COLUMNS:
        raise ValueError(f"cannot group agreements by {group_by!r}")
    group = f'a."{group_by}"'
    groups = f'a."region", {group}' if with_region else group
    due = "a.status IN ('completed', 'terminated') AND a.closed_on <= ?"
    states = "".join(f"SUM(CASE WHEN a.status = '{s}' THEN 1 ELSE 0 END) AS agreements_{s}, "
                     for s in STATUSES)
    where, params = _where([('a."region" = ?', region), ('a."year" = ?', year)])
    statement = (
        f"SELECT {'a.region AS region, ' if with_region else ''}{group} AS grp, a.year AS year, "
        f"COUNT(DISTINCT CASE WHEN a.status IN {STARTED} THEN a.enterprise_bin END) "
        f"AS enterprises, {states}"
        f"COUNT(DISTINCT CASE WHEN a.status IN {STARTED} THEN a.trainee_key END) AS trainees, "
        "COUNT(DISTINCT CASE WHEN a.status IN ('active', 'suspended') THEN a.trainee_key END) "
        "AS trainees_in_training, "
        f"COUNT(DISTINCT CASE WHEN a.status IN {STARTED} THEN a.current_mentor_key END) "
        "AS mentors, "
        f"COUNT(DISTINCT CASE WHEN a.status IN {STARTED} AND a.current_mentor_key IS NOT NULL "
        "THEN a.trainee_key END) AS mentored_trainees, "
        "SUM(a.practice_months * 30 + a.practice_days) AS practice_in_days, "
        "SUM(a.compensation_total) AS compensation, "
        f"SUM(CASE WHEN {due} THEN 1 ELSE 0 END) AS certificates_due, "
        f"SUM(CASE WHEN {due} AND c.agreement_id IS NOT NULL THEN 1 ELSE 0 END) "
        "AS certificates_issued, "
        f"SUM(CASE WHEN {due} AND c.agreement_id IS NULL AND a.closed_on < ? THEN 1 ELSE 0 END) "
        "AS certificates_overdue "
        f"FROM {store.table_name(AGREEMENTS)} a LEFT JOIN {store.table_name('certificates')} c "
        f"ON c.agreement_id = a.agreement_id{where} GROUP BY {groups}, a.year")
    day = store.dialect.encode(today, ColumnType.DATE)
    before = store.dialect.encode(overdue_before, ColumnType.DATE)
    cursor.execute(store.dialect.sql(statement), [day, day, day, before, *params])
    rows = _fetch(cursor)
    for row in rows:
        row["compensation"] = from_cents(row["compensation"])
    return rows


def contract_figures(store: TableNames, cursor: Any, group_by: str, *, year: int | None,
                     region: str | None) -> list[Row]:
    if group_by not in _CONTRACT_GROUPS:
        raise ValueError(f"cannot group mentor contracts by {group_by!r}")
    group = _CONTRACT_GROUPS[group_by]
    where, params = _where([('o."region" = ?', region), ('m."year" = ?', year)])
    # A contract is counted in its college's region: looked up when asked, so the
    # order in which the sources were applied never matters.
    cursor.execute(store.dialect.sql(
        f"SELECT {group} AS grp, m.year AS year, COUNT(*) AS contracts, "
        "SUM(m.approved_total) AS approved, SUM(m.paid_total) AS paid, "
        "SUM(m.reversed_total) AS reversed "
        f"FROM {store.table_name('mentor_contracts')} m "
        f"LEFT JOIN {store.table_name('organisations')} o ON o.bin = m.college_bin"
        f"{where} GROUP BY {group}, m.year"), params)
    rows = [row for row in _fetch(cursor) if row["grp"] is not None]
    for row in rows:
        for column in ("approved", "paid", "reversed"):
            row[column] = from_cents(row[column])
    return rows
