"""The documents of a re-integration dossier: what kinds there are, which Poortwachter task each proves, which files
are accepted (recognised by their bytes, never by their name) and how a filename is offered back on download.

There is deliberately no document type for medical data: medical reports belong to the bedrijfsarts's medical
dossier, never to the employer's (AVG art. 9; AP beleidsregels "De zieke werknemer", 2016).
"""
from __future__ import annotations

import io
import unicodedata
import zipfile
from enum import StrEnum
from urllib.parse import quote

from . import poortwachter


class DocumentType(StrEnum):
    PROBLEEMANALYSE = "probleemanalyse"
    PLAN_VAN_AANPAK = "plan_van_aanpak"
    BIJSTELLING_PLAN_VAN_AANPAK = "bijstelling_plan_van_aanpak"
    EVALUATIE = "evaluatie"
    EERSTEJAARSEVALUATIE = "eerstejaarsevaluatie"
    MELDING_42E_WEEK = "melding_42e_week"
    """The confirmation UWV sends of the 42e-weeksmelding."""
    REINTEGRATIEVERSLAG = "reintegratieverslag"
    OVERIG = "overig"


LABELS: dict[DocumentType, str] = {
    DocumentType.PROBLEEMANALYSE: "Probleemanalyse",
    DocumentType.PLAN_VAN_AANPAK: "Plan van aanpak",
    DocumentType.BIJSTELLING_PLAN_VAN_AANPAK: "Bijstelling plan van aanpak",
    DocumentType.EVALUATIE: "Evaluatie",
    DocumentType.EERSTEJAARSEVALUATIE: "Eerstejaarsevaluatie",
    DocumentType.MELDING_42E_WEEK: "42e-weeksmelding (bevestiging UWV)",
    DocumentType.REINTEGRATIEVERSLAG: "Re-integratieverslag",
    DocumentType.OVERIG: "Overig",
}

TASK_DOCUMENTS: dict[str, tuple[DocumentType, ...]] = {
    poortwachter.PROBLEEMANALYSE.code: (DocumentType.PROBLEEMANALYSE,),
    poortwachter.PLAN_VAN_AANPAK.code: (DocumentType.PLAN_VAN_AANPAK,),
    poortwachter.EVALUATIE_PLAN.code: (DocumentType.EVALUATIE, DocumentType.BIJSTELLING_PLAN_VAN_AANPAK),
    poortwachter.MELDING_42E_WEEK.code: (DocumentType.MELDING_42E_WEEK,),
    poortwachter.EERSTEJAARSEVALUATIE.code: (DocumentType.EERSTEJAARSEVALUATIE,),
    poortwachter.REINTEGRATIEVERSLAG.code: (DocumentType.REINTEGRATIEVERSLAG,),
}
"""Which document types prove a timeline step (Afronden met document), by the step's code."""


def types_for_task(code: str) -> tuple[DocumentType, ...]:
    """The document types that prove a step or a planned task (`evaluatie_plan_van_aanpak_w14`); empty when none does
    or the code is unknown."""
    if code not in poortwachter.DEFINITIONS:
        try:
            code = poortwachter.definition(code).code
        except KeyError:
            return ()
    return TASK_DOCUMENTS.get(code, ())


class FileKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"
    JPEG = "jpeg"
    PNG = "png"


CONTENT_TYPES: dict[FileKind, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
}
EXTENSIONS: dict[FileKind, str] = {
    FileKind.PDF: ".pdf", FileKind.DOCX: ".docx", FileKind.ODT: ".odt", FileKind.JPEG: ".jpg", FileKind.PNG: ".png"}
MAX_BYTES_DEFAULT = 10 * 1024 * 1024

_MAGIC = ((b"%PDF-", FileKind.PDF), (b"\x89PNG\r\n\x1a\n", FileKind.PNG), (b"\xff\xd8\xff", FileKind.JPEG))
_ZIP_MAGIC = b"PK\x03\x04"
_ODT_MIMETYPE = CONTENT_TYPES[FileKind.ODT].encode()
ZIP_MAX_ENTRIES = 1000
"""A DOCX or ODT holds tens of members, a few hundred with many images; more is no document."""
ZIP_MAX_UNCOMPRESSED = 100 * 1024 * 1024
"""What the members of a ≤ 10 MB document may declare together, unpacked: beyond it, a zip bomb."""


def declared_kind(content_type: str) -> FileKind | None:
    """The kind an uploader's content type names (parameters such as `; charset=` ignored), or None if not allowed."""
    media_type = content_type.partition(";")[0].strip().lower()
    return next((kind for kind, allowed in CONTENT_TYPES.items() if allowed == media_type), None)


def sniff(data: bytes) -> FileKind | None:
    """What the file is by its bytes (the whole file, up to `MAX_BYTES_DEFAULT`). None for anything not allowed:
    an executable, a script, HTML, a legacy or password-protected Word file (OLE, not ZIP), a corrupt or bomb-like
    ZIP, a ZIP that is neither DOCX nor ODT, a macro-enabled Word file, empty bytes."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return _zip_kind(data) if data.startswith(_ZIP_MAGIC) else None


def _zip_kind(data: bytes) -> FileKind | None:
    """ODT: its first member is `mimetype`, stored and unencrypted, holding the ODT media type (ODF 1.2 part 3,
    3.3). DOCX: `[Content_Types].xml` and `word/document.xml` (ECMA-376 part 2); a `vbaProject.bin` makes it a
    macro-enabled DOCM. Only the central directory and the tiny `mimetype` member are read, nothing is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            unpacked = sum(m.file_size for m in members)
            if not members or len(members) > ZIP_MAX_ENTRIES or unpacked > ZIP_MAX_UNCOMPRESSED:
                return None
            first = members[0]
            if (first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
                    and not first.flag_bits & 0x1 and first.file_size == len(_ODT_MIMETYPE)):
                return FileKind.ODT if archive.read(first) == _ODT_MIMETYPE else None
    except (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError):  # what zipfile raises on damaged input
        return None
    names = {m.filename for m in members}
    if {"[Content_Types].xml", "word/document.xml"} <= names and "word/vbaProject.bin" not in names:
        return FileKind.DOCX
    return None


FILENAME_MAX = 120
_FALLBACK_NAME = "document"


def safe_filename(name: str) -> str:
    """The uploader's filename as we keep and offer it back: no path, no control or invisible characters, no double
    quotes, whitespace collapsed, at most 120 characters (the extension kept), "document" when nothing is left."""
    name = name.replace("\\", "/").rpartition("/")[2]
    name = "".join(" " if c == '"' or unicodedata.category(c).startswith("C") else c
                   for c in unicodedata.normalize("NFC", name))
    name = " ".join(name.split())
    if len(name) > FILENAME_MAX:
        stem, dot, extension = name.rpartition(".")
        name = (stem[:FILENAME_MAX - len(extension) - 1].rstrip() + dot + extension
                if dot and 0 < len(extension) <= 10 else name[:FILENAME_MAX])
    return name.strip(" .") or _FALLBACK_NAME


def content_disposition(name: str) -> str:
    """A download's Content-Disposition (RFC 6266): an ASCII `filename` for old clients (accents dropped, anything
    else, quotes, backslashes and `%` replaced by `_`) and the UTF-8 name percent-encoded in `filename*` (RFC 5987)."""
    safe = safe_filename(name)
    ascii_name = "".join(c if c.isascii() and c.isprintable() and c not in '"\\%/' else "_"
                         for c in unicodedata.normalize("NFKD", safe) if not unicodedata.combining(c))
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe, safe='')}"
