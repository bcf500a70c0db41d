"""The model: plans, reports, inspections, events, posts and the references between them."""
