"""Pure rules and value objects. No I/O beyond reading packaged data files."""
