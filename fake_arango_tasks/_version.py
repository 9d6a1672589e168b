"""The package's version, in one place (``setup.cfg`` reads it too)."""

__version__ = "0.2.0"
