"""Signed electronic documents (Law 21.2, 21.2-2): PAdES signatures with pyHanko.

An e-result, a receipt or a refusal letter leaves the platform as a PDF signed with its
provider's key: a PAdES baseline (B-B) signature, made offline (no timestamp server). The keys
live in ``settings.SIGNING_DIR`` (``QYZMET_SIGNING_DIR``, by default ``var/signing``)::

    ca.cert.pem                 the trust root the verification page checks against
    ca.key.pem                  the demo CA's key (only where keys are issued on demand)
    orgs/<code>.key.pem         one key and certificate per provider organisation
    orgs/<code>.cert.pem

``qyzmet signing_init`` (run by ``make demo``) creates a demo CA; an organisation's key is then
issued on first use, signed by that CA. A deployment points the setting at its own directory:
its CA certificate and its organisations' keys, without the CA key, so that nothing is issued
on demand there (a missing key is then an error, not a new key). ADR 0017.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import io
import os
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import timezone

from qyzmet.core.errors import ApplicationError, CoreErrorCode

_T = TypeVar("_T")

if TYPE_CHECKING:
    from pyhanko.sign import signers

# pyHanko (and the aiohttp it brings) is imported where a document is signed or verified, not
# here: importing it takes most of a second, which no process that signs nothing should pay
# (the URL configuration imports this module through the delivery views).

CA_CERT = "ca.cert.pem"
CA_KEY = "ca.key.pem"
ORGS = "orgs"
# The demo CA and the keys it issues: long enough for a demo, counted from a day back so that a
# clock a little behind (or the suite's frozen one) still finds them valid.
_CA_YEARS = 20
_ORG_YEARS = 5
_BACKDATE = dt.timedelta(days=2)
_lock = threading.Lock()
# Room for the CMS signature (hex doubles it): a P-256 signature with two certificates needs
# under 3 kB; reserving it saves pyHanko a dry run to measure it (half the signing time).
_RESERVED = 8192


@dataclass(frozen=True)
class SignerIdentity:
    """Whose key signs: the organisation's code (the key's file name) and names."""

    code: str
    name_kk: str
    name_ru: str
    bin: str = ""


@dataclass(frozen=True)
class VerificationResult:
    """What a verifier learns from a document: whether its signature is there, whole (the bytes
    signed are the bytes read) and trusted (the chain ends at our CA), who signed it and when."""

    signed: bool
    intact: bool
    trusted: bool
    signer_subject: str = ""
    signer_organisation: str = ""
    signing_time: dt.datetime | None = None
    # The signer certificate's SHA-256 (hex), and the /Reason of the signature dictionary
    # (covered by the signature): ``"<kind> <number>"`` for the platform's documents.
    signer_fingerprint: str = ""
    reason: str = ""

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted


def signing_dir() -> Path:
    return Path(settings.SIGNING_DIR)


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _now() -> dt.datetime:
    return timezone.now().astimezone(dt.UTC)


def signing_init(*, directory: Path | None = None) -> Path:
    """Create the demo CA in ``directory`` (the setting by default) unless one is there; return
    the CA certificate's path. Safe to run again."""
    base = directory or signing_dir()
    cert_path = base / CA_CERT
    with _lock:
        if cert_path.exists():
            return cert_path
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Qyzmet"),
                x509.NameAttribute(NameOID.COMMON_NAME, "Qyzmet demo CA"),
            ]
        )
        start = _now() - _BACKDATE
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=365 * _CA_YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        _write_private(base / CA_KEY, _key_pem(key))
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    _trust_root.cache_clear()
    return cert_path


# RFC 5280 ub-common-name and ub-organization-name: 64 characters (not bytes: a UTF8String).
_NAME_MAX = 64


def common_name(text: str, limit: int = _NAME_MAX) -> str:
    """A certificate's CN or O: at most 64 characters (RFC 5280), a longer name cut at the last
    word that fits (never mid-word), else at 64; the verification page shows the full name in
    the page's language from the organisation record anyway."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(' ,;:-«"(')
    return cut if cut and len(cut) <= limit else text[:limit]


def _name_attribute(oid: x509.ObjectIdentifier, value: str) -> x509.NameAttribute[str]:
    """A CN or O of up to 64 characters. RFC 5280 bounds a UTF8String by characters;
    ``cryptography`` checks UTF-8 bytes (64 bytes are 32 Cyrillic letters) and only warns when
    told not to validate: the bound is ours (``common_name``), the warning is not needed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return x509.NameAttribute(oid, value, _validate=False)


def _no_key(identity: SignerIdentity) -> ApplicationError:
    return ApplicationError(
        CoreErrorCode.SIGNING_NO_KEY,
        {
            "kk": "Ұйымның қол қою кілті табылмады.",
            "ru": "Не найден ключ подписи организации.",
            "en": f"No signing key for organisation {identity.code!r} in the signing directory.",
        },
    )


def _issue(base: Path, identity: SignerIdentity) -> None:
    """Issue an organisation's key and certificate with the demo CA (on first use)."""
    ca_key_path = base / CA_KEY
    if not ca_key_path.exists():
        raise _no_key(identity)
    ca_key = serialization.load_pem_private_key(ca_key_path.read_bytes(), password=None)
    ca_cert = x509.load_pem_x509_certificate((base / CA_CERT).read_bytes())
    key = ec.generate_private_key(ec.SECP256R1())
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
        # The Russian name in O, the Kazakh in CN (ADR 0017).
        _name_attribute(NameOID.ORGANIZATION_NAME, common_name(identity.name_ru or identity.code)),
        _name_attribute(NameOID.COMMON_NAME, common_name(identity.name_kk or identity.code)),
    ]
    if identity.bin:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, f"BIN{identity.bin}"))
    start = _now() - _BACKDATE
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(min(start + dt.timedelta(days=365 * _ORG_YEARS), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())  # type: ignore[arg-type]
    )
    _write_private(base / ORGS / f"{identity.code}.key.pem", _key_pem(key))
    (base / ORGS / f"{identity.code}.cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _pem_body(data: bytes) -> bytes:
    return x509.load_pem_x509_certificate(data).public_bytes(serialization.Encoding.DER)


@lru_cache(maxsize=8)
def _trust_root(path: str, mtime: float) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(_pem_body(Path(path).read_bytes()))


def trust_root() -> asn1_x509.Certificate:
    path = signing_dir() / CA_CERT
    if not path.exists():
        raise ApplicationError(
            CoreErrorCode.SIGNING_NO_ROOT,
            {
                "kk": "Тексеру үшін түбірлік сертификат бапталмаған.",
                "ru": "Не настроен корневой сертификат для проверки.",
                "en": f"No trust root at {path}: run `qyzmet signing_init` or set QYZMET_SIGNING_DIR.",
            },
        )
    return _trust_root(str(path), path.stat().st_mtime)


@lru_cache(maxsize=256)
def _signer(base: str, code: str, mtime: float) -> signers.SimpleSigner:
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    root = Path(base)
    key = serialization.load_pem_private_key((root / ORGS / f"{code}.key.pem").read_bytes(), password=None)
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    cert = asn1_x509.Certificate.load(_pem_body((root / ORGS / f"{code}.cert.pem").read_bytes()))
    ca = asn1_x509.Certificate.load(_pem_body((root / CA_CERT).read_bytes()))
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([ca]),
    )


def signer_for(identity: SignerIdentity) -> signers.SimpleSigner:
    """The organisation's signer, its key issued by the demo CA on first use."""
    base = signing_dir()
    cert_path = base / ORGS / f"{identity.code}.cert.pem"
    if not cert_path.exists():
        if not _may_init():
            raise _no_key(identity)
        signing_init(directory=base)
        with _lock:
            if not cert_path.exists():
                _issue(base, identity)
    return _signer(str(base), identity.code, cert_path.stat().st_mtime)


def _may_init() -> bool:
    """A demo CA and keys are made on first use only where the setting allows (demo, suite)."""
    return bool(getattr(settings, "SIGNING_AUTO_INIT", False))


def _outside_any_event_loop(call: Callable[[], _T]) -> _T:
    """pyHanko's synchronous API runs ``asyncio.run``, which refuses to start inside a running
    event loop (an ASGI worker; Playwright's sync API in the test process): there, the call runs
    in a worker thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def document_sign(pdf_bytes: bytes, *, signer: SignerIdentity, reason: str = "") -> bytes:
    """Sign a PDF with the organisation's key: a PAdES B-B signature in an invisible field."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name="QyzmetSignature",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        name=signer.name_kk or signer.code,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    out = _outside_any_event_loop(
        lambda: signers.sign_pdf(writer, meta, signer=signer_for(signer), bytes_reserved=_RESERVED)
    )
    return bytes(out.getvalue())


def document_verify(pdf_bytes: bytes) -> VerificationResult:
    """Check a PDF's signature against the trust root (``ca.cert.pem``): intact and trusted."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = reader.embedded_signatures
    except Exception:  # a damaged or foreign file is simply not a signed document
        return VerificationResult(signed=False, intact=False, trusted=False)
    if not embedded:
        return VerificationResult(signed=False, intact=False, trusted=False)
    context = ValidationContext(trust_roots=[trust_root()], allow_fetching=False)
    try:
        status = _outside_any_event_loop(lambda: validate_pdf_signature(embedded[-1], context))
    except Exception:  # a signature that cannot even be evaluated is not valid
        return VerificationResult(signed=True, intact=False, trusted=False)
    cert = status.signing_cert
    subject = cert.subject.native if cert is not None else {}
    return VerificationResult(
        signed=True,
        # The signed bytes are whole, the signature is the key's, and nothing appended after
        # signing changed what a reader sees (pyHanko's difference analysis).
        intact=bool(
            status.intact
            and status.valid
            and status.seed_value_ok
            and (status.docmdp_ok or status.modification_level is None)
        ),
        trusted=bool(status.trusted),
        signer_subject=str(subject.get("common_name", "")),
        signer_organisation=str(subject.get("organization_name", "")),
        signing_time=status.signer_reported_dt,
        signer_fingerprint=cert.sha256.hex() if cert is not None else "",
        reason=str(embedded[-1].sig_object.get("/Reason", "")),
    )


def certificate_fingerprint(identity: SignerIdentity) -> str:
    """The SHA-256 (hex) of the organisation's signing certificate; empty when it has none."""
    path = signing_dir() / ORGS / f"{identity.code}.cert.pem"
    if not path.exists():
        return ""
    return asn1_x509.Certificate.load(_pem_body(path.read_bytes())).sha256.hex()
