"""The documents of a case's dossier: one item per version, in the employer's partition, keyed by case.

The bytes live in the documents bucket (chalicelib/bucket.py); an item says what the object is and how far its
check has come. Status changes are conditional on the status read, so a redelivered S3 event or a late scan result
cannot release a refused document, nor refuse a released one.
"""
from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, PutError

from . import records
from .audit import Line, add
from .conditions import condition_failed, conditional_update
from .mapping import to_item, to_record
from .models import Document
from .transactions import transaction


def _sort_key(absence_id: str, document_id: str, version: int) -> str:
    return f"{absence_id}#{document_id}#{version:04d}"


def _document(item: Document) -> records.Document:
    return to_record(records.Document, item)


def _item(document: records.Document, expires_at: int | None) -> Document:
    return to_item(document, doc_key=_sort_key(document.absence_id, document.document_id, document.version),
                   expires_at=expires_at)


def of_case(employer_id: str, absence_id: str) -> list[records.Document]:
    """Every version of every document of one case, oldest first: one Query of `begins_with(<absence_id>#)` (items
    read grow with that case's documents only)."""
    return [_document(item) for item in Document.query(employer_id, Document.doc_key.startswith(f"{absence_id}#"))]


def latest_version(employer_id: str, absence_id: str, document_id: str) -> records.Document | None:
    """A document's newest version: one Query, newest first, limit 1."""
    items = Document.query(employer_id, Document.doc_key.startswith(f"{absence_id}#{document_id}#"),
                           scan_index_forward=False, limit=1)
    return next((_document(item) for item in items), None)


def get(employer_id: str, absence_id: str, document_id: str, version: int) -> records.Document | None:
    """One GetItem; another employer's or another case's version is simply not found."""
    try:
        return _document(Document.get(employer_id, _sort_key(absence_id, document_id, version)))
    except DoesNotExist:
        return None


def create(document: records.Document, expires_at: int) -> bool:
    """PutItem of a new version, condition not exists (two uploads racing for the same version: one wins). It
    expires at `expires_at` unless the check releases it."""
    try:
        _item(document, expires_at).save(condition=Document.doc_key.does_not_exist())
    except PutError as error:
        if condition_failed(error):
            return False
        raise
    return True


def _key(document: records.Document) -> Document:
    return Document(document.employer_id, _sort_key(document.absence_id, document.document_id, document.version))


def mark_scanning(document: records.Document, size: int, checked_at: int) -> bool:
    """The type check passed; the malware scan is awaited. UpdateItem, condition status `upload`."""
    return conditional_update(_key(document), [Document.status.set("scanning"), Document.size.set(size),
                                               Document.checked_at.set(checked_at)],
                              Document.status == "upload")


def release(document: records.Document, size: int, checked_at: int, *, audit: Line) -> bool:
    """Available from now on, kept until its case goes (the TTL removed), with the upload's audit line: one
    TransactWriteItems, condition status `upload` or `scanning`."""
    with transaction() as tx:
        tx.update(_key(document), actions=[Document.status.set("available"), Document.size.set(size),
                                           Document.checked_at.set(checked_at), Document.expires_at.remove()],
                  condition=Document.status.is_in("upload", "scanning"))
        add(tx, audit)
    return tx.committed


def refuse(document: records.Document, reason: str, checked_at: int) -> bool:
    """Refused (the reason code), kept a while so the uploader sees why: UpdateItem, condition not yet available."""
    return conditional_update(_key(document), [Document.status.set("refused"), Document.refused_reason.set(reason),
                                               Document.checked_at.set(checked_at)],
                              Document.status.is_in("upload", "scanning"))


def delete(documents: list[records.Document]) -> None:
    """Retention: these versions' items, deleted (BatchWriteItem)."""
    with Document.batch_write() as batch:
        for document in documents:
            batch.delete(_key(document))
