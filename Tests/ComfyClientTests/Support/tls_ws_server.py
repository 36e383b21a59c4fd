"""A one-file wss:// server for the event socket's TLS test (stdlib only).

Usage: tls_ws_server.py CERT KEY PORTFILE. Writes the port to PORTFILE once listening on 127.0.0.1
(a file, not stdout: a pipe read by Foundation kept the test process busy), then serves one
connection at a time: completes the upgrade, sends one `status` text frame, answers a client's close
frame with a close frame, and goes on to the next connection. Handshake failures (a client that does
not trust the certificate) are skipped.
"""
import base64, hashlib, os, socket, ssl, struct, sys

context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[1], sys.argv[2])
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(8)
with open(sys.argv[3] + ".tmp", "w") as portfile:
    portfile.write(str(listener.getsockname()[1]))
os.rename(sys.argv[3] + ".tmp", sys.argv[3])


def read_exact(conn, count):
    data = b""
    while len(data) < count:
        chunk = conn.recv(count - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def serve(conn):
    request = b""
    while b"\r\n\r\n" not in request:
        chunk = conn.recv(4096)
        if not chunk:
            return
        request += chunk
    key = ""
    for line in request.decode().split("\r\n"):
        if line.lower().startswith("sec-websocket-key:"):
            key = line.split(":", 1)[1].strip()
    accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
    conn.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").encode())
    text = b'{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 7}}, "sid": "tls"}}'
    conn.sendall(bytes([0x81, 126]) + struct.pack(">H", len(text)) + text)
    while True:
        first, second = read_exact(conn, 2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack(">H", read_exact(conn, 2))[0]
        elif length == 127:
            length = struct.unpack(">Q", read_exact(conn, 8))[0]
        mask = read_exact(conn, 4)
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(read_exact(conn, length)))
        if first & 0x0F == 0x8:
            conn.sendall(bytes([0x88, len(payload)]) + payload)
            return


while True:
    raw, _ = listener.accept()
    try:
        with context.wrap_socket(raw, server_side=True) as conn:
            serve(conn)
    except (ssl.SSLError, EOFError, ConnectionError, OSError):
        pass
