"""Rule 1: only medium and large enterprises, not agro-industrial ones, may place an order."""

import pytest

from domain.participants.aggregates import EnterpriseSize
from domain.targeted_training import errors
from domain.targeted_training.eligibility import check_eligible


@pytest.mark.parametrize("size", [EnterpriseSize.MEDIUM, EnterpriseSize.LARGE])
def test_a_medium_or_large_non_agro_enterprise_may_place_an_order(size):
    check_eligible("E", size, "24100")


def test_an_enterprise_of_unknown_size_is_refused_until_its_record_says():
    with pytest.raises(errors.EnterpriseSizeUnknownError) as refused:
        check_eligible("E", None, "24100")
    assert refused.value.field == "enterprise_bin"


def test_an_enterprise_of_unknown_oked_is_refused_until_its_record_says():
    with pytest.raises(errors.OkedUnknownError):
        check_eligible("E", EnterpriseSize.LARGE, None)


def test_a_small_enterprise_is_refused():
    with pytest.raises(errors.SmallEnterpriseError):
        check_eligible("E", EnterpriseSize.SMALL, "24100")


@pytest.mark.parametrize("oked", ["01110", "02200", "03120", "01"])
def test_an_agro_industrial_enterprise_is_refused(oked):
    with pytest.raises(errors.AgroIndustrialError):
        check_eligible("E", EnterpriseSize.LARGE, oked)


@pytest.mark.parametrize("oked", ["05100", "10110", "04"])
def test_section_a_is_divisions_01_to_03_only(oked):
    check_eligible("E", EnterpriseSize.LARGE, oked)
