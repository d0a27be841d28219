"""Why an input was skipped or a value left unresolved: one table of stable codes.

Codes never change meaning; users search for them, and they appear in messages, the store
and the export. Add new codes at the end.
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    "R001": "the file is empty",
    "R002": "the file is binary, not text",
    "R003": "the text could not be decoded in any encoding tried",
    "R004": "the file is larger than the size limit",
    "R005": "the HTML page has no main text",
    "R006": "the file type is not supported",
    "R007": "the path cannot be read",
    "R008": "the sources manifest names a file that was not analysed",
    "R009": "the sources manifest has an invalid value",
    "R010": "the JSON record has no usable text",
    "R011": "the JSON is not valid or not records",
    "R012": "the sources manifest cannot be read",
    "R013": "the path does not exist",
    "R014": "the store was written by another version of Rashomon",
    "R015": "analysing the document failed (a defect in Rashomon: please report it)",
    "R016": "an optional package this run needs is not installed",
    "R017": "one stage failed on the document, which is kept without that stage's findings (please report it)",
    # knowledge file and places (rashomon.kb, rashomon.extract.places)
    "R101": "the knowledge file cannot be read or is not valid",
    "R102": "the place name is in neither the gazetteer nor the knowledge file",
    "R103": "the name is a feature (pass, gorge, river, road, ...) that the gazetteer does not hold",
}


class RashomonError(Exception):
    """A documented error: carries a stable code from REASONS and a message naming the input."""

    def __init__(self, code: str, detail: str):
        self.code, self.detail = code, detail
        super().__init__(f"[{code}] {detail}")


class UsageError(Exception):
    """The command was called wrongly (exit status 2)."""
