"""Documents in the dossier: which types prove which task, files recognised by their bytes, safe download names."""
from __future__ import annotations

import io
import zipfile

import pytest

from chalicelib.domain.documents import (
    CONTENT_TYPES,
    LABELS,
    DocumentType,
    FileKind,
    content_disposition,
    declared_kind,
    safe_filename,
    sniff,
    types_for_task,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
ODT_TYPE = "application/vnd.oasis.opendocument.text"


def _zip(*members: tuple[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members:
            # ODF: the mimetype member is stored, never compressed
            archive.writestr(name, content, compress_type=zipfile.ZIP_STORED if name == "mimetype" else None)
    return out.getvalue()


DOCX = _zip(("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"),
            ("word/document.xml", "<w:document/>"))
ODT = _zip(("mimetype", ODT_TYPE), ("META-INF/manifest.xml", "<manifest/>"), ("content.xml", "<office:document/>"))


@pytest.mark.parametrize(("data", "kind"), [
    (PDF, FileKind.PDF), (PNG, FileKind.PNG), (JPEG, FileKind.JPEG), (DOCX, FileKind.DOCX), (ODT, FileKind.ODT)])
def test_each_allowed_file_is_recognised_by_its_bytes_and_matches_its_declared_type(data, kind):
    # When a file of an allowed kind arrives
    # Then its bytes say what it is, and that is the kind its own content type names
    assert sniff(data) == kind
    assert declared_kind(CONTENT_TYPES[kind]) == kind


@pytest.mark.parametrize("data", [
    pytest.param(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00", id="exe"),
    pytest.param(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56, id="elf"),
    pytest.param(b"#!/bin/sh\nrm -rf ~\n", id="shell-script"),
    pytest.param(b"<!DOCTYPE html><html><script>alert(1)</script></html>", id="html"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, id="legacy-or-password-protected-word"),
    pytest.param(_zip(("readme.txt", "hallo")), id="zip-neither-docx-nor-odt"),
    pytest.param(b"PK\x03\x04" + b"\x00" * 40, id="corrupt-zip"),
    pytest.param(DOCX[: len(DOCX) // 2], id="truncated-docx"),
    pytest.param(_zip(("content.xml", "<x/>"), ("mimetype", ODT_TYPE)), id="odt-mimetype-not-first"),
    pytest.param(_zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>")),
                 id="ods-spreadsheet"),
    pytest.param(_zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"),
                      ("word/vbaProject.bin", b"\x00" * 16)), id="macro-enabled-docm"),
    pytest.param(b"", id="empty"),
])
def test_anything_else_is_refused_whatever_its_name(data):
    assert sniff(data) is None


def test_a_zip_with_an_absurd_number_of_entries_is_refused():
    # Given a "DOCX" with two thousand members
    many = _zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"),
                *((f"word/media/{i}.xml", "") for i in range(2000)))

    assert sniff(many) is None


def test_a_zip_bomb_is_refused_without_unpacking_it():
    # Given a 200 MB member of zeros, deflated to a fraction of a megabyte
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/image1.png", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(bytes(1024 * 1024))
    bomb = out.getvalue()
    assert len(bomb) < 1024 * 1024

    # Then it is no DOCX
    assert sniff(bomb) is None


def test_declared_types_are_matched_without_parameters_or_case_and_others_are_not_allowed():
    assert declared_kind("application/pdf; charset=binary") == FileKind.PDF
    assert declared_kind(" IMAGE/PNG ") == FileKind.PNG
    for refused in ("application/x-msdownload", "text/html", "application/zip", "application/msword", ""):
        assert declared_kind(refused) is None


def test_each_task_is_proved_by_its_own_kind_of_document():
    assert types_for_task("probleemanalyse") == (DocumentType.PROBLEEMANALYSE,)
    assert types_for_task("plan_van_aanpak") == (DocumentType.PLAN_VAN_AANPAK,)
    assert types_for_task("evaluatie_plan_van_aanpak_w14") == types_for_task("evaluatie_plan_van_aanpak") == (
        DocumentType.EVALUATIE, DocumentType.BIJSTELLING_PLAN_VAN_AANPAK)
    assert types_for_task("melding_42e_week") == (DocumentType.MELDING_42E_WEEK,)
    assert types_for_task("eerstejaarsevaluatie") == (DocumentType.EERSTEJAARSEVALUATIE,)
    assert types_for_task("reintegratieverslag") == (DocumentType.REINTEGRATIEVERSLAG,)


def test_tasks_without_a_document_and_unknown_codes_take_none():
    assert types_for_task("ziekmelding_arbodienst") == ()
    assert types_for_task("wia_aanvraag") == ()
    assert types_for_task("no_such_task") == ()


def test_every_type_has_a_dutch_label_and_none_is_for_medical_data():
    assert set(LABELS) == set(DocumentType)
    assert LABELS[DocumentType.MELDING_42E_WEEK] == "42e-weeksmelding (bevestiging UWV)"
    assert not [t for t in DocumentType if "medisch" in t or "medisch" in LABELS[t].lower()]


def test_a_filename_loses_its_path_quotes_and_control_characters():
    assert safe_filename('../"PA"\nAnna é.pdf') == "PA Anna é.pdf"
    assert safe_filename("C:\\Users\\jan\\Plan van aanpak.docx") == "Plan van aanpak.docx"
    assert safe_filename("rapport\u202efdp.exe") == "rapport fdp.exe"  # no right-to-left override to hide .exe
    assert safe_filename("") == safe_filename("../..") == safe_filename('"\r\n"') == "document"


def test_a_long_filename_is_cut_to_120_characters_keeping_its_extension():
    name = safe_filename("verslag " * 40 + ".pdf")

    assert len(name) == 120 and name.startswith("verslag verslag") and name.endswith("vers.pdf")


def test_the_download_header_offers_an_ascii_name_and_the_exact_name_encoded():
    # Given a name with a path, quotes, a newline and an accent
    header = content_disposition('../"PA"\nAnna é.pdf')

    # Then old browsers get a plain ASCII name, others the real one, and nothing can break out of the header
    assert header == "attachment; filename=\"PA Anna e.pdf\"; filename*=UTF-8''PA%20Anna%20%C3%A9.pdf"
    assert content_disposition("100% 认证.pdf") == (
        "attachment; filename=\"100_ __.pdf\"; filename*=UTF-8''100%25%20%E8%AE%A4%E8%AF%81.pdf")
