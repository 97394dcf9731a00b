"""Chalice blueprints, one per area. A route parses input, calls one service, maps the result."""
