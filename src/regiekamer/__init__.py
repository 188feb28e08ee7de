"""Regiekamer: directing the integral approach to undermining crime ("ondermijning")."""

__version__ = "0.1.0"
