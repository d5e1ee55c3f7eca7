from __future__ import annotations

from decimal import Decimal

import pytest

from planner.core.model.document import Document, Partner, Sector
from planner.core.model.profile import GrantTier, grant_tier, profile_context
from planner.core.model.reference import round_one_consortia


@pytest.mark.parametrize(
    ("award", "tier"),
    [
        (None, None),
        (Decimal(0), None),
        (Decimal("526789"), GrantTier.SMALL),
        (Decimal("875000"), GrantTier.SMALL),
        (Decimal("1211175"), GrantTier.MID),
        (Decimal("9936979"), GrantTier.MID),
        (Decimal("13195744"), GrantTier.LARGE),
        (Decimal("15000000"), GrantTier.LARGE),
    ],
)
def test_grant_tier_follows_the_round_one_bands(award: Decimal | None, tier: GrantTier | None) -> None:
    assert grant_tier(award) is tier


def test_round_one_grants_fall_in_the_report_s_tiers() -> None:
    # The report: 12 grants around $600,000, 17 around $6 million, 10 around $15 million.
    tiers = [grant_tier(c.award) for c in round_one_consortia()]
    assert (tiers.count(GrantTier.SMALL), tiers.count(GrantTier.MID), tiers.count(GrantTier.LARGE)) == (12, 17, 10)


def test_sectors_and_rop_come_from_the_partner_list(demo: Document) -> None:
    context = profile_context(demo)
    assert context.tier is GrantTier.MID and not context.rop_partner and context.missing_core == ()
    assert context.sectors[0] is Sector.K12 and Sector.ROP not in context.sectors
    with_rop = demo.model_copy(update={"partners": [Partner(id="p-rop", name="Valley ROP", sector=Sector.ROP)]})
    context = profile_context(with_rop)
    assert context.rop_partner and context.missing_core == (Sector.K12, Sector.COLLEGE, Sector.EMPLOYER)
    text = "\n".join(context.lines())
    assert "Regional occupational program as a partner: yes" in text and "No partner yet from" in text
    assert "Pathways before the grant: Linked Learning" in text


def test_a_small_grant_points_to_the_na_guidance(demo: Document) -> None:
    small = demo.model_copy(update={"profile": demo.profile.model_copy(update={"award": Decimal("600000")})})
    assert any("N/A guidance" in line for line in profile_context(small).lines())
    assert not any("N/A guidance" in line for line in profile_context(demo).lines())
