"""mededeling: builds the progress note on the recovery plan from one round of monitoring data."""

__version__ = "0.3.0"
