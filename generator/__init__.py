"""Generate Section 75 partnership agreements, MOUs and terms of reference."""

__version__ = "0.1.0"
