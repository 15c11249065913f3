"""The students of a targeted-training order over HTTP.

Under ``/api/v1/targeted-orders/{id}/enrolments``; a student is addressed by IIN (the
latest enrolment of that student in the order):
- ``POST /`` (the college) -> 201 the order, ``Location`` the enrolment;
- ``GET /{iin}``: the enrolment (the order's readers);
- ``POST /{iin}/withdrawal`` and ``/{iin}/graduation`` (the college);
- ``POST /{iin}/employment``, ``/{iin}/release`` and ``/{iin}/employment-end`` (the
  enterprise) -> 200 the order: they move the enrolment on, they add no resource.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import url_for

from application.errors import NotFoundError
from application.targeted_training import commands as t
from domain.shared.identifiers import IIN
from interfaces.web.auth import principal
from interfaces.web.etags import if_match, tagged
from interfaces.web.resources.targeted_orders.schemas import (
    DatedReasonIn,
    EmploymentIn,
    EnrolmentIn,
    EnrolmentOut,
    GraduationIn,
    OrderOut,
    WithdrawalIn,
)
from interfaces.web.resources.targeted_orders.views import ORDER, blp, changed
from interfaces.web.runtime import system

STUDENT = ORDER + "/enrolments/<iin:iin>"


@blp.route(ORDER + "/enrolments", methods=["POST"])
@blp.arguments(EnrolmentIn)
@blp.response(201, OrderOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def enrol(body: dict[str, Any], order_id: UUID, expected_version: int | None) -> Any:
    """Enrol a student against an accepted order, within its places (the college)"""
    recorded = system().targeted_training.enrol(principal(), t.EnrolStudent(
        order_id, **body, expected_version=expected_version))
    location = url_for("targeted_orders.enrolment", order_id=order_id,
                       iin=body["iin"].value)
    return recorded.aggregate, tagged(recorded, location=location)


@blp.route(STUDENT)
@blp.response(200, EnrolmentOut)
@blp.alt_response(404, response="NOT_FOUND")
def enrolment(order_id: UUID, iin: str) -> Any:
    """A student's enrolment in the order; the ETag is the order's version"""
    found = system().targeted_training.get(principal(), order_id)
    enrolled = found.enrolment_of(IIN.parse(iin))
    if enrolled is None:
        raise NotFoundError(f"student {iin} is not enrolled under order {found.number}")
    return enrolled, tagged(found)


@blp.route(STUDENT + "/withdrawal", methods=["POST"])
@blp.arguments(WithdrawalIn)
@blp.response(200, OrderOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def withdraw(body: dict[str, Any], order_id: UUID, iin: str,
             expected_version: int | None) -> Any:
    """The student leaves (expelled, transferred, other): the place is free (the college)"""
    return changed(system().targeted_training.withdraw(principal(), t.WithdrawStudent(
        order_id, IIN.parse(iin), **body, expected_version=expected_version)))


@blp.route(STUDENT + "/graduation", methods=["POST"])
@blp.arguments(GraduationIn)
@blp.response(200, OrderOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def graduate(body: dict[str, Any], order_id: UUID, iin: str,
             expected_version: int | None) -> Any:
    """The student graduates (the college)"""
    return changed(system().targeted_training.graduate(principal(), t.GraduateStudent(
        order_id, IIN.parse(iin), **body, expected_version=expected_version)))


@blp.route(STUDENT + "/employment", methods=["POST"])
@blp.arguments(EmploymentIn)
@blp.response(200, OrderOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def employ(body: dict[str, Any], order_id: UUID, iin: str,
           expected_version: int | None) -> Any:
    """Record the graduate's employment: start date and position (the enterprise)"""
    return changed(system().targeted_training.record_employment(principal(),
        t.RecordEmployment(order_id, IIN.parse(iin), **body,
                           expected_version=expected_version)))


@blp.route(STUDENT + "/release", methods=["POST"])
@blp.arguments(DatedReasonIn)
@blp.response(200, OrderOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def release(body: dict[str, Any], order_id: UUID, iin: str,
            expected_version: int | None) -> Any:
    """Release the graduate from the obligation, with a reason (the enterprise)"""
    return changed(system().targeted_training.record_release(principal(), t.RecordRelease(
        order_id, IIN.parse(iin), **body, expected_version=expected_version)))


@blp.route(STUDENT + "/employment-end", methods=["POST"])
@blp.arguments(DatedReasonIn)
@blp.response(200, OrderOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def end_employment(body: dict[str, Any], order_id: UUID, iin: str,
                   expected_version: int | None) -> Any:
    """Record that the graduate's employment ended, with a reason (the enterprise); one
    before the obligation's months is an early end"""
    return changed(system().targeted_training.end_employment(principal(), t.EndEmployment(
        order_id, IIN.parse(iin), **body, expected_version=expected_version)))
