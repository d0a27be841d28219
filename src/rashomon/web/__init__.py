"""The local web app (`rashomon serve`) and the page data it shares with the HTML report."""

from .app import create_app

__all__ = ["create_app"]
