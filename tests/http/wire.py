"""Raw-socket helpers for the wire tests: send bytes, read what arangod's answer would be."""

from __future__ import annotations

import socket
from dataclasses import dataclass


@dataclass
class Answer:
    """One HTTP answer as its bytes came: ``status_line``, ``headers`` (name, value) in order, ``body``."""

    status_line: bytes
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def status(self) -> int:
        return int(self.status_line.split(b" ")[1])

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        return values[-1] if values else None


def exchange(port: int, data: bytes, *, half_close: bool = True, timeout: float = 10.0) -> bytes:
    """Send ``data`` on a new connection (then half-close it), return every byte until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass
        return received


def parse_answers(data: bytes, head_requests: int = 0) -> list[Answer]:
    """Split a byte stream into answers by their Content-Length (the first ``head_requests``
    answers are to HEAD requests: they have no body whatever their Content-Length says)."""
    answers = []
    while data:
        head, sep, rest = data.partition(b"\r\n\r\n")
        assert sep, f"no end of head in {data[:200]!r}"
        lines = head.split(b"\r\n")
        headers = []
        for line in lines[1:]:
            name, _, value = line.decode("latin-1").partition(":")
            headers.append((name, value.strip()))
        answer = Answer(lines[0], headers, b"")
        length = 0 if len(answers) < head_requests else int(answer.header("Content-Length") or 0)
        answer.body, data = rest[:length], rest[length:]
        answers.append(answer)
    return answers


def one_answer(port: int, data: bytes, *, half_close: bool = True) -> Answer:
    """The single answer to ``data`` on a new connection; the test fails on none or several."""
    answers = parse_answers(exchange(port, data, half_close=half_close))
    assert len(answers) == 1, answers
    return answers[0]
