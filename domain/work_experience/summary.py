"""A trainee's work-experience credit across all of the trainee's agreements.

Interpretation: the credit rule (6 to 18 months) is applied to the trainee's
practice as a whole, merged across agreements, each agreement's suspensions cut
out of its own practice first, so a day of practice never counts twice. The
certificates apply the rule per agreement, since each is the Annex of one
agreement; the trainee-level figure is what the trainee has earned in total.
While an agreement is still active or suspended the figure may grow, so the
status says ``in_progress``; the credit shown then is what the practice so far
would earn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import IIN
from domain.work_experience.agreement_practice import AgreementPractice
from domain.work_experience.certificate import Certificate
from domain.work_experience.credit import WorkExperienceCredit
from domain.work_experience.seniority import ZERO, Duration, credit, duration_of, merge_periods

NO_PRACTICE = "no_practice"
IN_PROGRESS = "in_progress"


@dataclass(frozen=True)
class CreditSummary:
    trainee_iin: IIN
    trainee_name: str | None
    periods: tuple[DatePeriod, ...]
    total: Duration
    credited: Duration
    # no_practice, in_progress, below_minimum, credited or capped.
    status: str
    reason: str | None
    agreements: tuple[AgreementPractice, ...]
    certificates: tuple[Certificate, ...]
    # The credit aggregate's version (0 before it exists), for the ETag. Not part of the
    # figures: two stores that agree on every figure may have reached them in other steps.
    version: int = field(default=0, compare=False)


def summarise(trainee_iin: IIN, credit_record: WorkExperienceCredit | None, *,
              min_months: int, max_months: int) -> CreditSummary:
    if credit_record is None:
        return CreditSummary(trainee_iin, None, (), ZERO, ZERO, NO_PRACTICE, None, (), ())
    agreements = tuple(credit_record.agreements.values())
    periods = merge_periods(p for a in agreements for p in a.counted_periods)
    result = credit(duration_of(periods), min_months, max_months)
    if not periods:
        status = NO_PRACTICE
    elif any(a.is_open for a in agreements):
        status = IN_PROGRESS
    else:
        status = result.outcome.value
    return CreditSummary(trainee_iin, credit_record.trainee_name, tuple(periods), result.total,
                         result.credited, status, result.reason, agreements,
                         tuple(credit_record.certificates), credit_record.version)
