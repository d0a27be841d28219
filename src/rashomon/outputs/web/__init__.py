"""The local web app (`rashomon serve`) and the page data it shares with the HTML report."""

from rashomon.outputs.web.app import create_app

__all__ = ["create_app"]
