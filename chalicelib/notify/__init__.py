"""Ports for SMS and email, their AWS adapters, and the Dutch message templates."""
