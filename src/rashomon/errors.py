"""Why an input was skipped or a value left unresolved: one table of stable codes.

Codes never change meaning; users search for them, and they appear in messages, the store
and the export. Code refers to them by name (`errors.TOO_LARGE`), never by value. Add new codes
at the end.
"""

from __future__ import annotations

EMPTY_FILE = "R001"
BINARY_FILE = "R002"
UNDECODABLE = "R003"
TOO_LARGE = "R004"
NO_MAIN_TEXT = "R005"
UNSUPPORTED_TYPE = "R006"
UNREADABLE_PATH = "R007"
UNMATCHED_MANIFEST_ENTRY = "R008"
INVALID_MANIFEST_VALUE = "R009"
RECORD_WITHOUT_TEXT = "R010"
INVALID_JSON = "R011"
UNREADABLE_MANIFEST = "R012"
MISSING_PATH = "R013"
OTHER_SCHEMA_VERSION = "R014"
ANALYSIS_FAILED = "R015"
MISSING_PACKAGE = "R016"
STAGE_FAILED = "R017"
STORE_DAMAGED = "R018"
STORE_READ_ONLY = "R019"
DISK_FULL = "R020"
NO_TEXT_LAYER = "R021"
UNREADABLE_DOCUMENT = "R022"
INVALID_DATA_FILE = "R023"
WORKER_DIED = "R024"
# knowledge file and places (rashomon.kb, rashomon.extract.places)
INVALID_KNOWLEDGE_FILE = "R101"
PLACE_NOT_FOUND = "R102"
FEATURE_NOT_HELD = "R103"

REASONS: dict[str, str] = {
    EMPTY_FILE: "the file is empty",
    BINARY_FILE: "the file is binary, not text",
    UNDECODABLE: "the text could not be decoded in any encoding tried",
    TOO_LARGE: "the file is larger than the size limit",
    NO_MAIN_TEXT: "the HTML page has no main text",
    UNSUPPORTED_TYPE: "the file type is not supported",
    UNREADABLE_PATH: "the path cannot be read",
    UNMATCHED_MANIFEST_ENTRY: "the sources manifest names a file that was not analysed",
    INVALID_MANIFEST_VALUE: "the sources manifest has an invalid value",
    RECORD_WITHOUT_TEXT: "the JSON record has no usable text",
    INVALID_JSON: "the JSON is not valid or not records",
    UNREADABLE_MANIFEST: "the sources manifest cannot be read",
    MISSING_PATH: "the path does not exist",
    OTHER_SCHEMA_VERSION: "the store was written by another version of Rashomon",
    ANALYSIS_FAILED: "analysing the document failed (a defect in Rashomon: please report it)",
    MISSING_PACKAGE: "an optional package this run needs is not installed",
    STAGE_FAILED: "one stage failed on the document, which is kept without that stage's findings (please report it)",
    STORE_DAMAGED: "the store is damaged (it fails SQLite's integrity check or cannot be read)",
    STORE_READ_ONLY: "the store cannot be written where it is (a read-only folder or file)",
    DISK_FULL: "no space is left for the store (the disk is full, or the file size limit is reached)",
    NO_TEXT_LAYER: "the PDF has no text layer, only images of its pages (a scan): run OCR on it first",
    UNREADABLE_DOCUMENT: "the PDF or Word file cannot be opened (damaged, encrypted or not what its name says)",
    INVALID_DATA_FILE: "a data file in rashomon/data is not valid (the message names the file, the key and the fault)",
    WORKER_DIED: "a worker process analysing documents died (killed from outside: often the system, short of memory)",
    INVALID_KNOWLEDGE_FILE: "the knowledge file cannot be read or is not valid",
    PLACE_NOT_FOUND: "the place name is in neither the gazetteer nor the knowledge file",
    FEATURE_NOT_HELD: "the name is a feature (pass, gorge, river, road, ...) that the gazetteer does not hold",
}


class RashomonError(Exception):
    """A documented error: carries a stable code from REASONS and a message naming the input."""

    def __init__(self, code: str, detail: str):
        self.code, self.detail = code, detail
        super().__init__(f"[{code}] {detail}")


class UsageError(Exception):
    """The command was called wrongly (exit status 2)."""


class Interrupted(KeyboardInterrupt):
    """A run stopped by Ctrl-C or SIGTERM; `stored` documents were stored before it stopped, and
    a run again continues where it stopped."""

    def __init__(self, stored: int):
        self.stored = stored
        super().__init__(f"interrupted: {stored} documents stored, run again to continue")


# exit status of the command line, by outcome
EXIT_SKIPPED, EXIT_USAGE, EXIT_STORE, EXIT_DISK_FULL, EXIT_WORKER_DIED, EXIT_INTERRUPTED = 1, 2, 3, 4, 5, 130
# the exit status of a documented error, by its code (else EXIT_USAGE)
EXIT_OF = {STORE_DAMAGED: EXIT_STORE, STORE_READ_ONLY: EXIT_STORE, DISK_FULL: EXIT_DISK_FULL,
           WORKER_DIED: EXIT_WORKER_DIED}
