"""Use cases. Plain Python, no Chalice; collaborators arrive in a `Deps`."""
