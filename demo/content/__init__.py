"""Demo content for the learning network: the induction pack and the two guides."""
