"""Measuring harmwatch against gold data sets (the `harmwatch eval` commands)."""
