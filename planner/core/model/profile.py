"""Context about a consortium that changes what sustainability means for it, derived from what it already holds.

Round One grants came in three tiers, and the research found they faced different tasks: small grants mostly
renewed equipment and needed little continued money, while the larger ones aimed at changing partners' roles
and relationships. The grant tier follows from the award and the sectors present from the partner list, so
neither is stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from planner.core.model.document import Document, Sector


class GrantTier(StrEnum):
    SMALL = "small"
    MID = "mid"
    LARGE = "large"

    @property
    def label(self) -> str:
        return GRANT_TIER_LABELS[self]


# Round One awards: about $600,000 ($527,000-$875,000), about $6 million ($1.2-$9.9 million), about $15 million
# ($13.2-$15 million). The cut points sit in the gaps between the tiers.
SMALL_TIER_BELOW = Decimal("1000000")
LARGE_TIER_FROM = Decimal("12000000")
GRANT_TIER_LABELS = {
    GrantTier.SMALL: "Small grant (about $600,000; often equipment and facilities)",
    GrantTier.MID: "Mid-size grant (about $6 million)",
    GrantTier.LARGE: "Large grant (about $15 million)",
}


def grant_tier(award: Decimal | None) -> GrantTier | None:
    if award is None or award <= 0:
        return None
    if award < SMALL_TIER_BELOW:
        return GrantTier.SMALL
    return GrantTier.MID if award < LARGE_TIER_FROM else GrantTier.LARGE


@dataclass(frozen=True)
class ProfileContext:
    tier: GrantTier | None
    sectors: tuple[Sector, ...]  # present among the partners, in the listed order of sectors
    missing_core: tuple[Sector, ...]  # K-12, college and employer sectors with no partner
    rop_partner: bool
    prior_linked_learning: bool
    prior_partnership_academies: bool

    def lines(self) -> list[str]:
        """The context in plain lines for the app's summary and the printed plan."""
        lines = [f"Grant tier: {self.tier.label if self.tier else 'not known (enter the award)'}"]
        if self.tier is GrantTier.SMALL:
            # Most small Round One grants bought equipment; several criteria say when they cannot apply to that.
            lines.append("Small grant: criteria whose N/A guidance names equipment-only grants may be rated N/A")
        present = ", ".join(s.label for s in self.sectors) or "no partners listed yet"
        lines.append(f"Sectors among the partners: {present}")
        if self.missing_core:
            lines.append("No partner yet from: " + ", ".join(s.label for s in self.missing_core))
        lines.append(f"Regional occupational program as a partner: {'yes' if self.rop_partner else 'no'}")
        earlier = [
            name
            for name, flag in (
                ("Linked Learning", self.prior_linked_learning),
                ("California Partnership Academies", self.prior_partnership_academies),
            )
            if flag
        ]
        lines.append("Pathways before the grant: " + (" and ".join(earlier) if earlier else "none recorded"))
        return lines


CORE_SECTORS = (Sector.K12, Sector.COLLEGE, Sector.EMPLOYER)


def profile_context(document: Document) -> ProfileContext:
    present = {p.sector for p in document.partners}
    return ProfileContext(
        tier=grant_tier(document.profile.award),
        sectors=tuple(s for s in Sector if s in present),
        missing_core=tuple(s for s in CORE_SECTORS if s not in present) if document.partners else (),
        rop_partner=Sector.ROP in present,
        prior_linked_learning=document.profile.prior_linked_learning,
        prior_partnership_academies=document.profile.prior_partnership_academies,
    )
