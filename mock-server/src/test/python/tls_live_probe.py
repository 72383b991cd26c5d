"""Connects to the mock the way python-genai's Live client does, with the standard library only.

python-genai builds its TLS context as ssl.create_default_context(cafile=SSL_CERT_FILE or
certifi's bundle, capath=SSL_CERT_DIR) and always opens wss:// when an API key is set
(googleapis/python-genai, google/genai/_api_client.py, _websocket_base_url and
_ensure_websocket_ssl_ctx). This probe does the same, then sends setup and prints the first
server message. Usage: SSL_CERT_FILE=mock-cert.pem python3 tls_live_probe.py https://127.0.0.1:PORT MODEL
"""
import base64
import json
import os
import socket
import ssl
import struct
import sys
from urllib.parse import urlparse


def main():
    base, model = sys.argv[1], sys.argv[2]
    url = urlparse(base)
    ctx = ssl.create_default_context(cafile=os.environ.get("SSL_CERT_FILE"), capath=os.environ.get("SSL_CERT_DIR"))
    raw = socket.create_connection((url.hostname, url.port), timeout=20)
    sock = ctx.wrap_socket(raw, server_hostname=url.hostname)
    path = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((
        f"GET {path} HTTP/1.1\r\nHost: {url.hostname}:{url.port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        f"x-goog-api-key: python-probe\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    status = head.split(b"\r\n")[0].decode()
    if " 101 " not in status:
        print("handshake failed: " + status)
        return 1
    send_text(sock, json.dumps({"setup": {"model": model}}))
    print(read_message(sock))
    return 0


def send_text(sock, text):
    payload = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81])
    if len(payload) < 126:
        header += bytes([0x80 | len(payload)])
    else:
        header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    sock.sendall(header + mask + masked)


def read_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError("connection closed")
        data += chunk
    return data


def read_message(sock):
    first, second = read_exact(sock, 2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack(">H", read_exact(sock, 2))[0]
    elif length == 127:
        length = struct.unpack(">Q", read_exact(sock, 8))[0]
    return read_exact(sock, length).decode()


if __name__ == "__main__":
    sys.exit(main())
