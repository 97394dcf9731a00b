"""The documents of a case's dossier: Document toevoegen (a presigned upload), the list with the RIV-check, and
download links. The file itself never passes through here."""
from __future__ import annotations

from chalice import Blueprint

from ..domain.accounts import Role
from ..services import documents
from ..services.documents import CaseDocuments, DocumentUpload, DownloadLink, UploadStarted
from ..services.sessions import Principal
from .http import api_route, deps

bp = Blueprint(__name__)
_ROLE = Role.WERKGEVER


@api_route(bp, "/api/absences/{absence_id}/documents", methods=("POST",), role=_ROLE, status=201)
def start_upload(absence_id: str, request: DocumentUpload, principal: Principal) -> UploadStarted:
    """Document toevoegen: the new version (being checked once sent) and the form that sends the file to S3."""
    return documents.start_upload(deps(), principal, absence_id, request)


@api_route(bp, "/api/absences/{absence_id}/documents", role=_ROLE)
def case_documents(absence_id: str, principal: Principal) -> CaseDocuments:
    """The case's documents, every version, and the re-integratieverslag check at this point of the case."""
    return documents.of_case(deps(), principal, absence_id)


@api_route(bp, "/api/absences/{absence_id}/documents/{document_id}/versions/{version}/download", role=_ROLE)
def download(absence_id: str, document_id: str, version: str, principal: Principal) -> DownloadLink:
    """A link to the file, valid two minutes; every download is in the employee's access log."""
    return documents.download(deps(), principal, absence_id, document_id, version)
