"""SEDA, the French exchange standard for archives: building its messages from plain values, reading the
archives' replies, and validating every message against the official schemas, offline."""
