"""The documents of a case's dossier: upload straight to S3, the check that releases or refuses, download links.

The bytes never pass the API: a route hands out a presigned POST for one quarantined key, the browser sends the file
to S3, and S3's ObjectCreated event runs `check_upload` (the `document_check` function). In AWS, GuardDuty Malware
Protection scans the quarantine too: a document is released only when both its type and the scan are clean, in
whichever of the two events comes last. Every route first finds the case through the caller's scope.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, TypedDict
from urllib.parse import unquote_plus

from .. import store
from ..bucket import QUARANTINE, ObjectName
from ..domain import documents as rules
from ..domain import riv_check
from ..domain.documents import DocumentType
from ..domain.employees import parse_date
from ..domain.errors import Conflict, InvalidInput, NotFound, RateLimited
from ..domain.fields import Field
from ..domain.roles import Scope
from ..domain.validation import clean_text
from ..observability import logger
from ..store import records
from . import audit, retention
from .deps import Deps
from .sessions import Principal

_DESCRIPTION_MAX = 300
MAX_VERSIONS_PER_CASE = 200
"""Versions one case may hold: far more than any dossier needs, and a bound on what one Query of a case reads."""
_PENDING_SECONDS = 24 * 3600
"""An upload link not used, or a refused upload, is forgotten after a day (the item's TTL)."""


class Status(StrEnum):
    UPLOAD = "upload"
    """A link was issued; nothing has arrived (yet)."""
    SCANNING = "scanning"
    """The type is verified; the malware scan has not answered yet."""
    AVAILABLE = "available"
    REFUSED = "refused"


REFUSALS = {
    "type_mismatch": "Het bestand is niet wat het zegt te zijn: alleen PDF, DOCX, ODT, JPEG en PNG worden bewaard. "
                     "Sla het document opnieuw op als PDF en voeg het opnieuw toe.",
    "too_large": "Het bestand is groter dan toegestaan. Maak het kleiner (bijvoorbeeld als PDF) en voeg het opnieuw "
                 "toe.",
    "missing": "Het bestand is niet aangekomen. Voeg het opnieuw toe.",
    "malware": "In het bestand is schadelijke software gevonden. Het is verwijderd. Neem contact op met uw "
               "IT-afdeling.",
}
"""Why a check refused an upload, as the uploader reads it in the dossier."""


@dataclass(frozen=True)
class DocumentUpload:
    """Document toevoegen: what the file is, and (for a new version) which document it replaces."""
    type: Annotated[DocumentType, Field("het soort document", description="Er is geen soort voor medische "
                                                                          "gegevens: die horen bij de bedrijfsarts.")]
    dated: Annotated[str, Field("de datum van het document", max_length=32, format="date", example="2026-12-01")]
    filename: Annotated[str, Field("de bestandsnaam", max_length=255)]
    content_type: Annotated[str, Field("het bestandstype", max_length=100, example="application/pdf")]
    size: Annotated[int, Field("de grootte van het bestand", minimum=1, maximum=10 * 1024 * 1024 * 1024,
                               out_of_range="Het bestand is leeg of veel te groot.")]
    task_id: Annotated[str | None, Field("de taak", max_length=64,
                                         description="De taak die dit document afrondt.")] = None
    document_id: Annotated[str | None, Field("het document", max_length=64,
                                             description="Voor een nieuwe versie van dit document.")] = None
    description: Annotated[str | None, Field("de omschrijving", max_length=_DESCRIPTION_MAX,
                                             description="Geen medische gegevens.")] = None


class DocumentView(TypedDict):
    """One version of a document as the dossier lists it."""
    document_id: str
    version: int
    type: str
    type_label: str
    dated: str
    filename: str
    content_type: str
    size: int | None
    status: str
    refused_message: str | None
    description: str | None
    task_id: str | None
    uploaded_by: str
    uploaded_by_name: str | None
    created_at: int


class UploadForm(TypedDict):
    """Where and how the browser sends the file: a multipart POST of `fields`, then `file`, to `url`."""
    url: str
    fields: dict[str, str]
    max_bytes: int
    expires_in: int


class UploadStarted(TypedDict):
    document: DocumentView
    upload: UploadForm


class RivItemView(TypedDict):
    """One step of the re-integratieverslag check (domain/riv_check.py)."""
    code: str
    title: str
    due: str
    status: str
    advice: str
    basis: str
    document_types: list[str]


class CaseDocuments(TypedDict):
    """A case's documents, newest first (every version), and what UWV will look for at this point."""
    documents: list[DocumentView]
    riv_check: list[RivItemView]
    missing: int
    """Steps of the check that are late or missing."""
    proves: dict[str, list[str]]
    """Per open task of the case that a document can finish ("Afronden met document"): the document types that do."""


class DownloadLink(TypedDict):
    url: str
    expires_in: int


def _absence(principal: Principal, absence_id: str) -> records.Absence:
    absence = store.absences.get(principal.scope, absence_id[:64])
    if absence is None:
        raise NotFound("Deze ziekmelding bestaat niet.", code="absence_unknown")
    return absence


def _view(document: records.Document, names: dict[str, str]) -> DocumentView:
    return DocumentView(
        document_id=document.document_id, version=document.version, type=document.type,
        type_label=rules.LABELS.get(DocumentType(document.type), document.type), dated=document.dated,
        filename=document.filename, content_type=document.content_type, size=document.size, status=document.status,
        refused_message=REFUSALS.get(document.refused_reason or "") if document.status == Status.REFUSED else None,
        description=document.description, task_id=document.task_id, uploaded_by=document.uploaded_by,
        uploaded_by_name=names.get(document.uploaded_by), created_at=document.created_at)


def start_upload(deps: Deps, principal: Principal, absence_id: str, request: DocumentUpload) -> UploadStarted:
    """Document toevoegen: the version's item (status upload) and a presigned POST for exactly its quarantined key,
    its declared type, our KMS key and the size limit. At most `document_uploads_per_hour` a user."""
    s = deps.settings
    absence = _absence(principal, absence_id)
    kind = rules.declared_kind(request.content_type)
    if kind is None:
        raise InvalidInput("Dit soort bestand kan niet worden toegevoegd. Kies een PDF, DOCX, ODT, JPEG of PNG.",
                           code="file_type_not_allowed", field="content_type")
    if request.size > s.document_max_bytes:
        raise InvalidInput(f"Het bestand is groter dan {s.document_max_bytes // (1024 * 1024)} MB. Maak het kleiner "
                           "(bijvoorbeeld als PDF) en probeer het opnieuw.", code="file_too_large", field="size")
    dated = parse_date(request.dated, "dated")
    if dated > deps.today():
        raise InvalidInput(f"De datum van het document kan niet na vandaag ({deps.today():%d-%m-%Y}) liggen.",
                           code="date_in_future", field="dated")
    filename = rules.safe_filename(request.filename)  # never trusted: kept only to offer it back, made safe
    description = (clean_text(request.description, "description", "De omschrijving", _DESCRIPTION_MAX)
                   if request.description and request.description.strip() else None)
    task_id = _task_proved(principal, absence, request)
    existing = store.documents.of_case(principal.employer_id, absence.absence_id)
    if len(existing) >= MAX_VERSIONS_PER_CASE:
        raise Conflict(f"Bij deze ziekmelding staan al {MAX_VERSIONS_PER_CASE} documenten. Neem contact op met het "
                       "secretariaat.", code="too_many_documents")
    document_id, version = _next_version(existing, request)
    if not store.rate_limits.claim(f"document-upload#{principal.user_id}", deps.now(), gap=0,
                                   per_window=s.document_uploads_per_hour, window=3600):
        raise RateLimited("U heeft het afgelopen uur veel documenten toegevoegd. Probeer het over een uur opnieuw.",
                          code="uploads_exhausted")
    document = records.Document(
        employer_id=principal.employer_id, absence_id=absence.absence_id, document_id=document_id, version=version,
        employee_id=absence.employee_id, type=request.type.value, dated=dated.isoformat(), filename=filename,
        content_type=rules.CONTENT_TYPES[kind], uploaded_by=principal.user_id, created_at=deps.now(),
        status=Status.UPLOAD.value, task_id=task_id, description=description, size=request.size)
    if not store.documents.create(document, expires_at=deps.now() + _PENDING_SECONDS):
        raise Conflict("Tegelijk werd een andere versie van dit document toegevoegd. Vernieuw de pagina en probeer "
                       "het opnieuw.", code="version_taken")
    name = ObjectName(document.employer_id, document.absence_id, document.document_id, document.version)
    upload = deps.bucket.presign_upload(name, document.content_type, s.document_max_bytes, s.document_upload_seconds)
    logger.info("document upload started", extra={"user_id": principal.user_id, "document_id": document_id})
    return UploadStarted(document=_view(document, {}), upload=UploadForm(
        url=upload.url, fields=upload.fields, max_bytes=s.document_max_bytes, expires_in=s.document_upload_seconds))


def _task_proved(principal: Principal, absence: records.Absence, request: DocumentUpload) -> str | None:
    """The task this document is to finish: one of this case's, open, and one this type of document proves."""
    if not request.task_id:
        return None
    task = store.absences.get_task(principal.scope, request.task_id[:64])
    if task is None or task.absence_id != absence.absence_id:
        raise NotFound("Deze taak bestaat niet.", code="task_unknown")
    if request.type not in rules.types_for_task(task.code):
        raise InvalidInput(f"Een {rules.LABELS[request.type].lower()} rondt de taak \u201c{task.title}\u201d niet "
                           "af. Kies het soort document dat bij de taak hoort.", code="document_type_not_for_task",
                           field="type")
    if task.status != "open":
        raise Conflict("Deze taak is al afgerond.", code="task_not_open")
    return task.task_id


def _next_version(existing: list[records.Document], request: DocumentUpload) -> tuple[str, int]:
    if not request.document_id:
        return uuid.uuid4().hex, 1
    versions = [d for d in existing if d.document_id == request.document_id[:64]]
    if not versions:
        raise NotFound("Dit document bestaat niet.", code="document_unknown")
    if versions[-1].type != request.type.value:
        raise InvalidInput("Een nieuwe versie is van hetzelfde soort als het document zelf.",
                           code="document_type_changed", field="type")
    return versions[-1].document_id, max(d.version for d in versions) + 1


def of_case(deps: Deps, principal: Principal, absence_id: str) -> CaseDocuments:
    """The case's documents (released, being checked, or refused; never a link not used) with the RIV-check."""
    absence = _absence(principal, absence_id)
    stored = store.documents.of_case(principal.employer_id, absence.absence_id)
    shown = [d for d in stored if d.status != Status.UPLOAD or d.created_at + deps.settings.document_upload_seconds
             >= deps.now()]
    names = {u.user_id: u.name for u in store.users.get_many(sorted({d.uploaded_by for d in shown}))}
    items = check(deps, absence, stored + of_case_before(absence))
    return CaseDocuments(
        documents=[_view(d, names) for d in sorted(shown, key=lambda d: (d.created_at, d.version), reverse=True)],
        riv_check=[RivItemView(code=i.code, title=i.title, due=i.due.isoformat(), status=i.status.value,
                               advice=i.advice, basis=i.basis, document_types=[t.value for t in i.document_types])
                   for i in items],
        missing=sum(i.status in (riv_check.RivStatus.LATE, riv_check.RivStatus.MISSING) for i in items),
        proves={t.task_id: [k.value for k in kinds] for t in store.absences.tasks_of(absence.absence_id)
                if t.status == "open" and (kinds := rules.types_for_task(t.code))})


def of_case_before(absence: records.Absence, history: list[records.Absence] | None = None) -> list[records.Document]:
    """The documents of the case's other ziekmeldingen: one reported within four weeks of the previous recovery
    continues that case (the same `case_start`), and UWV judges the case, so the RIV-check counts them too. One
    Query of the employee's absences (none when `history` is given), and one of documents per other ziekmelding of
    the case (none in the common case of one)."""
    absences = history if history is not None else store.absences.for_employee(absence.employer_id,
                                                                                absence.employee_id)
    return [d for other in absences if other.case_start == absence.case_start and other.absence_id !=
            absence.absence_id for d in store.documents.of_case(absence.employer_id, other.absence_id)]


def _present(stored: list[records.Document]) -> list[riv_check.PresentDocument]:
    return [riv_check.PresentDocument(type=DocumentType(d.type), dated=date.fromisoformat(d.dated))
            for d in stored if d.status == Status.AVAILABLE]


def riv_gap(case_start: str, stored: list[records.Document]) -> str | None:
    """The case's first RIV gap (riv_check.first_gap) from its released documents, as the absence keeps it."""
    gap = riv_check.first_gap(date.fromisoformat(case_start), _present(stored))
    return gap.isoformat() if gap else None


def check(deps: Deps, absence: records.Absence, stored: list[records.Document]) -> list[riv_check.RivItem]:
    """The RIV-check of one case from its released documents (domain/riv_check.py)."""
    present = _present(stored)
    ended = date.fromisoformat(absence.recovered_on) if absence.status == "closed" and absence.recovered_on else None
    return riv_check.check(date.fromisoformat(absence.case_start), deps.today(), present, ended=ended)


def download(deps: Deps, principal: Principal, absence_id: str, document_id: str, version: str) -> DownloadLink:
    """A presigned GET of a released version, valid a minute or two, after the scope check; each one audited."""
    absence = _absence(principal, absence_id)
    document = (store.documents.get(principal.employer_id, absence.absence_id, document_id[:64], int(version))
                if version.isdigit() and len(version) <= 4 else None)
    if document is None or document.status != Status.AVAILABLE:
        raise NotFound("Dit document bestaat niet (meer).", code="document_unknown")
    audit.record(deps, principal, "document_downloaded", "document", f"{document.document_id}#{document.version}",
                 employee_id=document.employee_id)
    name = ObjectName(document.employer_id, document.absence_id, document.document_id, document.version)
    seconds = deps.settings.document_download_seconds
    return DownloadLink(url=deps.bucket.presign_download(name, rules.content_disposition(document.filename),
                                                         document.content_type, seconds), expires_in=seconds)


# The checks: S3's ObjectCreated event and GuardDuty's scan result (app.py `document_check`).

OBJECT_CREATED = "Object Created"
"""The EventBridge detail-type of S3's ObjectCreated event (the bucket sends its events to EventBridge)."""
SCAN_RESULT = "GuardDuty Malware Protection Object Scan Result"
"""The EventBridge detail-type of GuardDuty's answer for one scanned object."""


def handle_event(deps: Deps, event: dict) -> dict:
    """The `document_check` function: S3's ObjectCreated (from EventBridge, or as notification records), or one
    GuardDuty scan result. What happened to
    each key, for the log; an event of any other shape does nothing."""
    outcomes: dict[str, str] = {}
    if event.get("detail-type") == OBJECT_CREATED:  # S3's event through EventBridge (infra/aws/documents.py)
        key = str(((event.get("detail") or {}).get("object") or {}).get("key", ""))
        outcomes[key] = check_upload(deps, key)
    if event.get("detail-type") == SCAN_RESULT:
        detail = event.get("detail") or {}
        key = str((detail.get("s3ObjectDetails") or {}).get("objectKey", ""))
        result = str((detail.get("scanResultDetails") or {}).get("scanResultStatus", ""))
        outcomes[key] = scan_result(deps, key, result)
    for record in event.get("Records") or []:
        if str(record.get("eventName", "")).startswith("ObjectCreated"):
            key = unquote_plus(str(((record.get("s3") or {}).get("object") or {}).get("key", "")))
            outcomes[key] = check_upload(deps, key)
    logger.info("document check", extra={"outcomes": sorted(set(outcomes.values()))})
    return {"outcomes": outcomes}


def check_upload(deps: Deps, key: str) -> str:
    """An object arrived under quarantine/: verify its type by its bytes (never its name or the type it was sent
    with) against what the uploader declared, then release it (no scan configured, or the scan already said
    clean), wait for the scan, or refuse and delete it. Returns what happened; a redelivered event changes nothing."""
    found = _document_at(key)
    if found is None:
        return "unknown"
    name, document = found
    if document.status != Status.UPLOAD:
        return "already_checked"
    size = deps.bucket.uploaded_size(name)
    if size is None:  # deleted before we looked: nothing to check or keep
        return _refuse(deps, name, document, "missing")
    if size > deps.settings.document_max_bytes:  # the policy's range held this off; never read past it
        return _refuse(deps, name, document, "too_large")
    data = deps.bucket.read_uploaded(name, size)
    kind = rules.sniff(data)
    if kind is None or kind != rules.declared_kind(document.content_type):
        return _refuse(deps, name, document, "type_mismatch")
    if deps.settings.malware_scan == "none":
        return _release(deps, name, document, len(data))
    scan = deps.bucket.scan_status(name)
    if scan == "NO_THREATS_FOUND":
        return _release(deps, name, document, len(data))
    if scan == "THREATS_FOUND":
        return _refuse(deps, name, document, "malware")
    store.documents.mark_scanning(document, len(data), deps.now())
    return "scanning"


def scan_result(deps: Deps, key: str, result: str) -> str:
    """GuardDuty Malware Protection scanned a quarantined object: a threat refuses it at once; clean releases it if
    its type was verified already (else the type check releases it when it comes)."""
    found = _document_at(key)
    if found is None:
        return "unknown"
    name, document = found
    if result == "THREATS_FOUND":
        return _refuse(deps, name, document, "malware") if document.status != Status.AVAILABLE else "already_checked"
    if result == "NO_THREATS_FOUND" and document.status == Status.SCANNING:
        return _release(deps, name, document, document.size or 0)
    return "waiting_for_type_check" if document.status == Status.UPLOAD else "already_checked"


def _document_at(key: str) -> tuple[ObjectName, records.Document] | None:
    parsed = ObjectName.parse(key)
    if parsed is None or parsed[0] != QUARANTINE:
        return None
    name = parsed[1]
    document = store.documents.get(name.employer_id, name.absence_id, name.document_id, name.version)
    return None if document is None else (name, document)


def _refuse(deps: Deps, name: ObjectName, document: records.Document, reason: str) -> str:
    deps.bucket.discard(name)
    store.documents.refuse(document, reason, deps.now())
    logger.warning("document refused", extra={"document_id": document.document_id, "reason": reason})
    return f"refused:{reason}"


def _release(deps: Deps, name: ObjectName, document: records.Document, size: int) -> str:
    """Copy out of quarantine, record it, then delete the quarantined object: a failure before the record leaves
    the object where the retried check finds it (S3 and Lambda retry an event), so it is released, not lost."""
    deps.bucket.release(name, document.content_type)
    line = audit.line_of(deps, document.employer_id, document.uploaded_by, "document_added", "document",
                       f"{document.document_id}#{document.version}", document.employee_id)
    released = store.documents.release(document, size, deps.now(), audit=line)
    deps.bucket.discard(name)
    if not released:
        return "already_checked"
    if document.task_id:
        _finish_task(deps, document)
    _update_gap(document)
    logger.info("document released", extra={"document_id": document.document_id})
    return "released"


def _update_gap(document: records.Document) -> None:
    """The released document may close its case's first RIV gap: the home page's count follows. The case's open
    ziekmelding keeps the gap — the document's own, or a later one of the same case when it was added to an earlier
    one."""
    refresh_riv_gap(document.employer_id, document.employee_id, document.absence_id)


def refresh_riv_gap(employer_id: str, employee_id: str, absence_id: str | None = None) -> None:
    """The employee's open ziekmelding gets the RIV gap its case's documents give (with `absence_id`: only when that
    absence is part of the open case). An UpdateItem only when the gap moved; read again when another release
    moved it meanwhile. Also for `manage.py rebuild-employee-search`: cases opened before the RIV-check kept one."""
    for _ in range(3):
        history = store.absences.for_employee(employer_id, employee_id)
        absence = _open_case(history, absence_id)
        if absence is None:
            return
        gap = riv_gap(absence.case_start, store.documents.of_case(employer_id, absence.absence_id)
                      + of_case_before(absence, history))
        if store.absences.set_riv_gap(absence, gap):
            return
    logger.warning("riv gap not updated: the case kept changing", extra={"employee_id": employee_id})


def _open_case(history: list[records.Absence], absence_id: str | None) -> records.Absence | None:
    """The employee's open ziekmelding; with `absence_id`, only when that absence belongs to the same case."""
    current = next((a for a in history if a.status == "open"), None)
    if current is None or absence_id is None:
        return current
    own = next((a for a in history if a.absence_id == absence_id), None)
    return current if own is not None and own.case_start == current.case_start else None


def _finish_task(deps: Deps, document: records.Document) -> None:
    """Afronden met document: the task it proves is done on the document's date, by its uploader."""
    absence = store.absences.get(Scope(document.employer_id, None), document.absence_id)
    if absence is None:
        return
    purge_at = (retention.tasks_purge_at(deps, retention.rules(document.employer_id), absence.recovered_on)
                if absence.status == "closed" else None)
    label = rules.LABELS[DocumentType(document.type)]
    store.absences.mark_done(document.employer_id, document.task_id or "", document.uploaded_by, deps.now(),
                             purge_at, done_on=document.dated, note=f"Afgerond met document: {label}",
                             audit=audit.line_of(deps, document.employer_id, document.uploaded_by, "task_done", "task",
                                               document.task_id or "", document.employee_id))
