"""Services: the work itself, speaking only the domain model."""
