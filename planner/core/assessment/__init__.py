"""Assessment: capacity scores and bands, team ratings and merging, baseline-to-follow-up comparison and a coach's
portfolio."""
