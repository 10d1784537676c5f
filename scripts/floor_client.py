#!/usr/bin/env python3
"""The floor for scripts/measure.py: the least any client can do in the same harness.

    floor_client.py echo        on each key, print a short line at once (the harness's
                                own key-to-screen delay)
    floor_client.py BASE_URL    on Enter, POST the docs' sample lookup to BASE_URL's
                                customer-get-info, read the answer and print its body

No parsing, no decoding, no drawing: it reads the socket and prints the body. The first
Enter opens the connection; later ones reuse it (HTTP keep-alive), like the app's pool.
Every output ends with ESC [?25l, the same "frame complete" mark the app's frames end
with. Ctrl-C or q quits. Only the Python standard library is used.
"""

import json
import os
import socket
import sys
import termios
import tty
from urllib.parse import urlsplit

FRAME_END = b"\x1b[?25l"
PATH = "/service-customer.svc/customer/customer-get-info"
# The docs' sample credentials (John Doe), as the demo server accepts them.
SAMPLE = {
    "user_code": 396,
    "app_key": "1656d700707ad9a77f737e5df3db088a",
    "customer_box_id": 811111,
    "customer_key": "YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw=",
}


def request_bytes(base_url):
    parts = urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("floor_client: only plain http:// to loopback")
    body = json.dumps(SAMPLE).encode()
    head = (
        f"POST {parts.path.rstrip('/')}{PATH} HTTP/1.1\r\n"
        f"Host: {parts.netloc}\r\n"
        "Content-Type: application/json\r\n"
        "Accept: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    return (parts.hostname, parts.port or 80), head + body


def read_answer(conn, pending):
    """Reads one response with a Content-Length; returns (body, bytes left over)."""
    while b"\r\n\r\n" not in pending:
        chunk = conn.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the headers")
        pending += chunk
    head, rest = pending.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the body")
        rest += chunk
    return rest[:length], rest[length:]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    mode = sys.argv[1]
    saved = termios.tcgetattr(0)
    tty.setraw(0)
    try:
        os.write(1, b"floor ready" + FRAME_END)
        if mode == "echo":
            while True:
                key = os.read(0, 1)
                if not key or key in (b"\x03", b"q"):
                    return
                os.write(1, b" key" + FRAME_END)
        address, request = request_bytes(mode)
        conn, pending = None, b""
        while True:
            key = os.read(0, 1)
            if not key or key in (b"\x03", b"q"):
                return
            if key not in (b"\r", b"\n"):
                continue
            if conn is None:
                conn = socket.create_connection(address, timeout=5)
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.sendall(request)
            body, pending = read_answer(conn, pending)
            os.write(1, b"\x1b[H\x1b[2J" + body.replace(b"\n", b"\r\n") + FRAME_END)
    finally:
        termios.tcsetattr(0, termios.TCSADRAIN, saved)


if __name__ == "__main__":
    main()
