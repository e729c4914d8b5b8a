"""Analysis: trends over time per actor, method and target, and where they shift."""

from harmwatch.analysis.report import Report, write_report

__all__ = ["Report", "write_report"]
