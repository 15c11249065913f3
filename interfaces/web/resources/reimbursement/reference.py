"""Reference data over HTTP (the admin sets it; effective by academic year).

- ``POST /reference/reimbursement-norms`` (admin) -> 201 the year's norms, ``Location`` them;
- ``GET /reference/reimbursement-norms/{academic_year}`` (every caller) and ``/history``;
- ``POST /colleges/{bin}/reimbursement-budgets`` (admin) -> 201 the budget, ``Location`` it;
- ``GET /colleges/{bin}/reimbursement-budgets/{academic_year}`` (the college, admin,
  auditor) and ``/history``: every amount ever set stays there.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from application.base import Recorded
from application.errors import NotFoundError
from application.reimbursement import commands as cmd
from domain.reimbursement.reference import DEFAULT, ReimbursementBudget, ReimbursementNorms
from domain.shared.academic_year import AcademicYear
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN
from interfaces.web.auth import principal
from interfaces.web.etags import tagged
from interfaces.web.resources.audit.history import HistoryEntryOut, history_entries
from interfaces.web.resources.reimbursement.blueprint import blp
from interfaces.web.resources.reimbursement.schemas import BudgetIn, BudgetOut, NormIn, NormsOut
from interfaces.web.runtime import system

NORMS = "/reference/reimbursement-norms"
BUDGETS = "/colleges/<bin:bin>/reimbursement-budgets"


def _year(text: str) -> AcademicYear:
    """A path's academic year; a malformed one names no resource (404)."""
    try:
        return AcademicYear.parse(text)
    except InvalidValueError:
        raise NotFoundError(f"academic year {text!r} not found") from None


def _norms_body(norms: ReimbursementNorms) -> dict[str, Any]:
    return {"id": norms.id, "version": norms.version, "created_on": norms.created_on,
            "modified_on": norms.modified_on, "academic_year": norms.academic_year,
            "default_norm": norms.default_norm,
            "norms": [{"specialty_code": code or None, "monthly_norm": norm}
                      for code, norm in sorted(norms.norms.items()) if code != DEFAULT]}


def _norms_url(norms: ReimbursementNorms) -> str:
    return url_for("reimbursement.norms", academic_year=str(norms.academic_year))


@blp.route(NORMS, methods=["POST"])
@blp.arguments(NormIn)
@blp.response(201, NormsOut)
def set_norm(body: dict[str, Any]) -> Any:
    """Set the monthly norm per trainee for an academic year, or for one specialty (admin)"""
    recorded = system().reimbursement.set_norm(principal(), cmd.SetNorm(**body))
    return _norms_body(recorded.aggregate), tagged(recorded,
                                                   location=_norms_url(recorded.aggregate))


@blp.route(NORMS + "/<academic_year>")
@blp.response(200, NormsOut)
@blp.alt_response(404, response="NOT_FOUND")
def norms(academic_year: str) -> Any:
    """The norms of an academic year as they now are (reference data: every caller)"""
    found = system().reimbursement.norms(principal(), _year(academic_year))
    return _norms_body(found), tagged(found)


@blp.route(NORMS + "/<academic_year>/history")
@blp.response(200, HistoryEntryOut(many=True))
@blp.alt_response(404, response="NOT_FOUND")
def norms_history(academic_year: str) -> Any:
    """Every norm ever set for the year, oldest first, with who and when"""
    reimbursement = system().reimbursement
    found = reimbursement.norms(principal(), _year(academic_year))
    return history_entries(reimbursement.reference_history(found), reader=Role.AUDITOR)


def _budget_url(budget: ReimbursementBudget) -> str:
    return url_for("reimbursement.budget", bin=budget.college_bin.value,
                   academic_year=str(budget.academic_year))


@blp.route(BUDGETS, methods=["POST"])
@blp.arguments(BudgetIn)
@blp.response(201, BudgetOut)
@blp.alt_response(404, response="NOT_FOUND")
def set_budget(body: dict[str, Any], bin: str) -> Any:  # noqa: A002
    """Set a college's reimbursement budget for an academic year; a later one replaces it"""
    recorded: Recorded[ReimbursementBudget] = system().reimbursement.set_budget(
        principal(), cmd.SetBudget(BIN.parse(bin), **body))
    return recorded.aggregate, tagged(recorded, location=_budget_url(recorded.aggregate))


@blp.route(BUDGETS + "/<academic_year>")
@blp.response(200, BudgetOut)
@blp.alt_response(404, response="NOT_FOUND")
def budget(bin: str, academic_year: str) -> Any:  # noqa: A002
    """A college's budget for the year: amount, approved and remaining"""
    found = system().reimbursement.budget(principal(), BIN.parse(bin), _year(academic_year))
    return found, tagged(found)


@blp.route(BUDGETS + "/<academic_year>/history")
@blp.response(200, HistoryEntryOut(many=True))
@blp.alt_response(404, response="NOT_FOUND")
def budget_history(bin: str, academic_year: str) -> Any:  # noqa: A002
    """Every amount set and every approval charged, oldest first"""
    reimbursement = system().reimbursement
    found = reimbursement.budget(principal(), BIN.parse(bin), _year(academic_year))
    return history_entries(reimbursement.reference_history(found), reader=Role.AUDITOR)
