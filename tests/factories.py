"""Document builders shared by tests and the benchmark script."""

from __future__ import annotations

import random
from decimal import Decimal

from planner.core.model.cost_plan import Commitment, CommitmentStatus, CostCategory, CostItem, FundingKind
from planner.core.model.document import Document, Partner, Profile, Rating, Respondent, Sector, new_document
from planner.core.model.rubric import Instrument


def large_document(instruments: tuple[Instrument, ...] | list[Instrument], seed: int = 7) -> Document:
    """10 respondents, every instrument, 40 partners, 60 cost items over 5 years, 2,000 commitments."""
    rng = random.Random(seed)
    sectors = list(Sector)
    base = new_document("Large Benchmark Consortium", list(instruments))
    partners = [Partner(id=f"p{n}", name=f"Partner {n}", sector=sectors[n % len(sectors)]) for n in range(40)]
    criteria = [c for i in instruments for c in i.criteria]
    respondents = []
    for n in range(10):
        ratings = {}
        for c in criteria:
            roll = rng.random()
            if roll < 0.05:
                ratings[c.id] = Rating(not_applicable=True, notes="Not relevant to our partner")
            elif roll < 0.1:
                ratings[c.id] = Rating(notes="Need to ask the steering committee")
            else:
                ratings[c.id] = Rating(level=rng.randint(1, 4), evidence=f"Evidence text {n} " * 5)
        respondents.append(Respondent(id=f"r{n}", name=f"Respondent {n}", sector=sectors[n % 4], ratings=ratings))
    categories = list(CostCategory)
    items = [
        CostItem(
            id=f"c{n}",
            name=f"Cost item {n}",
            category=categories[n % len(categories)],
            costs={y: Decimal(rng.randint(1000, 90000)) + Decimal("0.25") for y in range(1, 6)},
        )
        for n in range(60)
    ]
    commitments = [
        Commitment(
            id=f"m{n}",
            partner_id=f"p{rng.randrange(40)}",
            cost_item_id=f"c{rng.randrange(60)}",
            year=rng.randint(1, 5),
            amount=Decimal(rng.randint(100, 5000)) + Decimal("0.10"),
            source=f"Source {n % 7}",
            kind=FundingKind.ONGOING if n % 3 else FundingKind.ONE_TIME,
            status=list(CommitmentStatus)[n % 3],
        )
        for n in range(2000)
    ]
    return base.model_copy(
        update={
            "profile": Profile(consortium_name="Large Benchmark Consortium", horizon_years=5),
            "partners": partners,
            "respondents": respondents,
            "cost_items": items,
            "commitments": commitments,
        }
    )


def team_document(demo: Document) -> Document:
    """The demo rated by seven people: three from K-12, two from the college, one employer, one workforce board.

    The employer and the workforce board are sectors of one person each: an anonymous plan must not name them.
    """
    rng = random.Random(12)
    lead = demo.respondents[0]
    people = [
        ("r-k12-a", "Avery Lindqvist", Sector.K12),
        ("r-k12-b", "Bo Castellanos", Sector.K12),
        ("r-k12-c", "Chandra Oyelaran", Sector.K12),
        ("r-col-a", "Dmitri Halvorsen", Sector.COLLEGE),
        ("r-emp", "Janelle Prewitt", Sector.EMPLOYER),
        ("r-wdb", "Kofi Marchetti", Sector.WORKFORCE_BOARD),
    ]
    respondents = [lead.model_copy(update={"sector": Sector.COLLEGE})]
    for rid, name, sector in people:
        ratings = {
            key: Rating(
                level=rng.randint(1, 4), evidence="Seen in practice at our sites." if rng.random() < 0.3 else ""
            )
            for key in lead.ratings
        }
        respondents.append(Respondent(id=rid, name=name, sector=sector, ratings=ratings))
    return demo.model_copy(update={"respondents": respondents})
