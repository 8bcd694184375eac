"""Issue 13.4 (ADR 0017): signed electronic documents (Law 21.2, 21.2-2). A PDF signed with an
organisation's key verifies valid against the CA; a changed byte, an unsigned file or another
CA's signature does not; without the setting that allows it no key is made on demand."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from qyzmet.core import pdf, signing
from qyzmet.core.errors import ApplicationError, CoreErrorCode

AKIMAT = signing.SignerIdentity(
    code="akimat-test",
    name_kk="Алматы қаласының әкімдігі",
    name_ru="Акимат города Алматы",
    bin="990140000123",
)


@pytest.fixture
def keys(tmp_path: Path, settings: Any) -> Path:
    settings.SIGNING_DIR = tmp_path / "signing"
    settings.SIGNING_AUTO_INIT = True
    return tmp_path / "signing"


def _document(text: str = "Қолхат № 1") -> bytes:
    return pdf.build_pdf([pdf.title(text), pdf.para("Өтініш нөмірі KZ-1")], doc_title="KZ-1")


def test_law_21_2_2_a_signed_document_verifies_valid(keys: Path) -> None:
    signed = signing.document_sign(_document(), signer=AKIMAT)
    result = signing.document_verify(signed)
    assert result.valid
    assert (result.signed, result.intact, result.trusted) == (True, True, True)
    assert result.signer_subject == AKIMAT.name_kk
    assert result.signer_organisation == AKIMAT.name_ru
    assert result.signing_time is not None
    # The demo CA and the organisation's key were made on first use, the keys private to the owner.
    assert (keys / signing.CA_CERT).exists()
    assert (keys / signing.ORGS / "akimat-test.key.pem").stat().st_mode & 0o077 == 0


def test_law_21_2_2_a_changed_byte_breaks_the_signature(keys: Path) -> None:
    signed = bytearray(signing.document_sign(_document(), signer=AKIMAT))
    # A byte inside the first page's content stream (covered by the signature).
    at = signed.index(b"stream", 200) + 20
    signed[at] ^= 0x01
    result = signing.document_verify(bytes(signed))
    assert not result.valid
    assert not result.intact


def test_law_21_2_2_a_page_changed_in_an_update_after_signing_is_not_valid(keys: Path) -> None:
    """The signed bytes stay whole, but an incremental update appended later shows other text."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signing.document_sign(_document(), signer=AKIMAT)))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=b"BT 100 700 Td (FORGED) Tj ET"))
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    result = signing.document_verify(out.getvalue())
    assert result.trusted
    assert not result.intact
    assert not result.valid


def test_law_21_2_2_an_unsigned_or_foreign_file_is_not_valid(keys: Path) -> None:
    signing.signing_init()
    assert not signing.document_verify(_document()).signed
    assert not signing.document_verify(b"not a pdf at all").valid


def test_law_21_2_2_a_signature_of_another_ca_is_not_trusted(
    keys: Path, tmp_path: Path, settings: Any
) -> None:
    signed = signing.document_sign(_document(), signer=AKIMAT)
    settings.SIGNING_DIR = tmp_path / "other"  # another deployment: its own demo CA
    signing.signing_init()
    result = signing.document_verify(signed)
    assert result.intact
    assert not result.trusted
    assert not result.valid


def test_the_signing_init_command_creates_the_demo_ca(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("signing_init", "--dir", str(tmp_path / "ca"), stdout=out)
    assert (tmp_path / "ca" / signing.CA_CERT).exists()
    assert (tmp_path / "ca" / signing.CA_KEY).stat().st_mode & 0o077 == 0
    assert "Trust root" in out.getvalue()


def test_a_long_organisation_name_is_cut_to_a_common_name_of_64_characters(keys: Path) -> None:
    long_name = "Қазақстан Республикасы Әділет министрлігінің Тіркеу қызметі және құқықтық көмек комитеті"
    identity = signing.SignerIdentity(
        code="long", name_kk=long_name, name_ru="Комитет регистрационной службы"
    )
    result = signing.document_verify(signing.document_sign(_document(), signer=identity))
    assert result.valid
    assert long_name.startswith(result.signer_subject)
    assert 32 < len(result.signer_subject) <= 64  # characters (RFC 5280), not bytes
    assert long_name[len(result.signer_subject)] == " "  # cut between words


def test_signing_init_is_idempotent(keys: Path) -> None:
    first = signing.signing_init()
    content = first.read_bytes()
    assert signing.signing_init() == first
    assert first.read_bytes() == content


def test_without_auto_init_a_missing_key_is_an_error_not_a_new_key(
    keys: Path, tmp_path: Path, settings: Any
) -> None:
    signed = signing.document_sign(_document(), signer=AKIMAT)
    settings.SIGNING_DIR = tmp_path / "deployment"  # a deployment's directory, still empty
    settings.SIGNING_AUTO_INIT = False
    with pytest.raises(ApplicationError) as exc:
        signing.document_sign(_document(), signer=AKIMAT)
    assert exc.value.code == CoreErrorCode.SIGNING_NO_KEY
    assert not (tmp_path / "deployment").exists()
    with pytest.raises(ApplicationError) as exc:
        signing.document_verify(signed)
    assert exc.value.code == CoreErrorCode.SIGNING_NO_ROOT


def test_law_21_2_2_a_document_is_signed_and_verified_inside_a_running_event_loop(keys: Path) -> None:
    """An ASGI worker (or Playwright's sync API in the test process) runs an event loop; pyHanko's
    synchronous API must still work there."""
    import asyncio

    async def inside() -> bool:
        signed = signing.document_sign(_document(), signer=AKIMAT)
        return signing.document_verify(signed).valid

    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # a thread with its own loop
        assert pool.submit(asyncio.run, inside()).result() is True


def test_law_21_2_2_a_long_name_fills_the_64_characters_of_a_cn_and_is_cut_between_words() -> None:
    name = "Қазақстан Республикасы Ішкі істер министрлігінің Астана қаласы бойынша Полиция департаменті"
    cn = signing.common_name(name)
    assert len(cn) <= 64
    assert len(cn) > 32  # characters, not bytes: no longer half the room for Cyrillic
    assert name.startswith(cn) and name[len(cn)] == " "  # never mid-word
    assert signing.common_name("Қысқа атау") == "Қысқа атау"
    assert len(signing.common_name("Ә" * 80)) == 64  # one long word: cut at 64


def test_law_21_2_2_the_certificate_carries_the_full_kazakh_cn_and_the_russian_o(tmp_path: Path) -> None:
    from asn1crypto import x509 as asn1_x509

    identity = signing.SignerIdentity(
        code="long-org",
        name_kk="Астана қаласы әкімдігінің Азаматтық хал актілерін тіркеу бөлімі",
        name_ru="Отдел регистрации актов гражданского состояния акимата города Астаны",
    )
    signing.signing_init(directory=tmp_path)
    signing._issue(tmp_path, identity)
    # Read as pyHanko's validator reads it (``cryptography`` warns on a CN over 64 bytes).
    pem = (tmp_path / "orgs" / "long-org.cert.pem").read_bytes()
    subject = asn1_x509.Certificate.load(signing._pem_body(pem)).subject.native
    cn, org = subject["common_name"], subject["organization_name"]
    assert cn == signing.common_name(identity.name_kk) and len(str(cn)) > 32
    assert org == signing.common_name(identity.name_ru)
