"""Analysis: trends over time per actor, method and target, and where they shift; the
timeline's bars."""

from harmwatch.analysis.bars import Bar, Bars, Segment, timeline_bars
from harmwatch.analysis.periods import PERIODS, period_of, span_of, spread
from harmwatch.analysis.report import Report, write_report

__all__ = ["PERIODS", "Bar", "Bars", "Report", "Segment", "period_of", "span_of", "spread",
           "timeline_bars", "write_report"]
