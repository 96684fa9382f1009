"""Secrets stay secret (logs, reprs, exceptions) and certificates are always verified."""

from __future__ import annotations

import datetime as dt
import logging
import re
import socket
import ssl
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from vitedesk.api import ApiError, NotSent, Unauthorized, ViteMobileClient
from vitedesk.core.campaign import Campaign, Route
from vitedesk.sandbox import SandboxServer

pytestmark = pytest.mark.anyio

SECRET_PASSWORD = "Tr0ub4dor-wrong-9c1e"  # distinctive, so any occurrence in a log is ours


def everything_said(records: list[logging.LogRecord], errors: list[BaseException]) -> str:
    """Every logged message and its arguments, and every error's str, repr and full traceback."""
    parts = []
    for record in records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
    for error in errors:
        parts.append(str(error))
        parts.append(repr(error))
        parts.append("".join(traceback.format_exception(error)))
    return "\n".join(parts)


async def test_tokens_and_passwords_never_reach_logs_reprs_or_errors(
    sandbox: SandboxServer, small_images: list[Path], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    errors: list[BaseException] = []
    async with ViteMobileClient(sandbox.url) as client:
        with pytest.raises(Unauthorized) as wrong:
            await client.login("business@sandbox.test", SECRET_PASSWORD)
        errors.append(wrong.value)
        auth = await client.login("business@sandbox.test", "sandbox")
        await client.send(Campaign(leads=["+12015550123"], message="Hi"))
        await client.send(Campaign(leads=["+12015550123"], message="Hi", images=small_images))
        with pytest.raises(ApiError) as refused:
            await client.send(Campaign(leads=["+12015550123"], message="Hi", route=Route.private("nope")))
        errors.append(refused.value)
        reprs = f"{client!r} {client} {auth!r} {auth}"
        client.token = auth.access + "tampered"
        with pytest.raises(Unauthorized) as rejected:
            await client.send(Campaign(leads=["+12015550123"], message="Hi"))
        errors.append(rejected.value)

    said = everything_said(caplog.records, errors) + reprs
    assert any(record.name.startswith("httpcore") for record in caplog.records), (
        "DEBUG logs were not captured"
    )
    assert any(record.name.startswith("vitedesk.api") for record in caplog.records)
    assert auth.refresh
    for secret in (SECRET_PASSWORD, auth.access, auth.refresh, auth.access.split(".")[2]):
        assert secret not in said


async def test_not_sent_errors_carry_no_token() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJlLXNlY3JldA"
    async with ViteMobileClient(f"http://127.0.0.1:{port}", token=token) as client:
        with pytest.raises(NotSent) as raised:
            await client.send(Campaign(leads=["+12015550123"], message="Hi"))
    assert token not in everything_said([], [raised.value])


# -- TLS --------------------------------------------------------------------------------------------------


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and 127.0.0.1 (valid in every way but its issuer)."""
    crypto = pytest.importorskip("cryptography")
    del crypto
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


LOGIN_ANSWER = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 19\r\nConnection: close\r\n\r\n"
    b'{"access": "a.b.c"}'
)


def read_request(tls: ssl.SSLSocket) -> bytes:
    """The whole request: headers, then as many body bytes as Content-Length says."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = tls.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?i)content-length:\s*(\d+)", head)
    while length and len(body) < int(length.group(1)):
        chunk = tls.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[int, Path, list[bytes]]]:
    """An HTTPS server on loopback with a self-signed certificate; answers any request with a login token.

    Yields (port, certificate path, the requests it received).
    """
    cert_path, key_path = self_signed_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    received: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                connection.settimeout(5)
                with context.wrap_socket(connection, server_side=True) as tls:
                    received.append(read_request(tls))
                    tls.sendall(LOGIN_ANSWER)
            except (ssl.SSLError, OSError):
                connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], cert_path, received
    stop.set()
    thread.join(5)
    listener.close()


async def test_a_certificate_nobody_vouches_for_is_refused(tls_server: tuple[int, Path, list[bytes]]) -> None:
    port, _cert, received = tls_server
    async with ViteMobileClient(f"https://127.0.0.1:{port}") as client:
        with pytest.raises(NotSent) as raised:
            await client.login("business@sandbox.test", SECRET_PASSWORD)
    assert "security certificate was not accepted" in raised.value.user_message
    assert received == []  # the password never left


async def test_the_same_server_is_accepted_once_its_certificate_is_trusted(
    tls_server: tuple[int, Path, list[bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control experiment: the refusal above is about trust, not about this little server.
    port, cert, received = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    async with ViteMobileClient(f"https://127.0.0.1:{port}") as client:
        auth = await client.login("business@sandbox.test", "pw")
    assert auth.access == "a.b.c"
    assert len(received) == 1 and received[0].startswith(b"POST /auth/login/ HTTP/1.1")
