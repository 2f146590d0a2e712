#!/usr/bin/env python3
"""A real HTTP server on 127.0.0.1 for jwt-inspect's tests: discovery and JWKS, driven by files.

Usage: key_server.py STATE_DIR [CERT.pem KEY.pem]
With a certificate and key it speaks HTTPS. Prints the port on its first line, then serves until it has been idle for 5 minutes (it always stops by itself; tests kill it sooner).

Files in STATE_DIR, read on every request:
  jwks.json           body of /jwks
  cache-control       value of the Cache-Control header of /jwks (optional)
  discovery.json      body of /.well-known/openid-configuration; {PORT} is replaced (default: issuer + jwks_uri)
  status              an HTTP status to answer every request with instead (optional)
  redirect            a URL to redirect /jwks to (optional)
  files/NAME          served at /files/NAME
  chunked             if present, bodies are sent with chunked transfer coding
  delay               seconds to wait before answering (optional)
  raw                 if present, its bytes are the whole answer to every request, sent as they are
Each request's path is appended to STATE_DIR/requests.log, and its request line, exactly as received, to
STATE_DIR/request-lines.log.
"""
import http.server
import os
import signal
import ssl
import sys
import threading
import time

# A child of a test runner's worker thread starts with that thread's blocked signals; let SIGTERM stop it.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])

STATE = sys.argv[1]
SCHEME = "https" if len(sys.argv) == 4 else "http"
IDLE_LIMIT = 300
last_request = time.monotonic()


def read(name):
    path = os.path.join(STATE, name)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return f.read()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, headers=(), content_type="application/json"):
        delay = read("delay")
        if delay:
            time.sleep(float(delay))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        chunked = read("chunked") is not None
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if chunked:
            for start in range(0, len(body), 7):
                piece = body[start:start + 7]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(body)

    def parse_request(self):
        with open(os.path.join(STATE, "request-lines.log"), "ab") as log:
            log.write(self.raw_requestline)
        return super().parse_request()

    def do_GET(self):
        global last_request
        last_request = time.monotonic()
        with open(os.path.join(STATE, "requests.log"), "a") as log:
            log.write(self.path + "\n")
        raw = read("raw")
        if raw is not None:
            self.wfile.write(raw)
            self.close_connection = True
            return
        port = self.server.server_address[1]
        status = read("status")
        if status:
            return self.send(int(status), b'{"error":"configured"}')
        if self.path.endswith("/.well-known/openid-configuration"):
            body = read("discovery.json") or b'{"issuer":"{SCHEME}://127.0.0.1:{PORT}","jwks_uri":"{SCHEME}://127.0.0.1:{PORT}/jwks"}'
            return self.send(200, body.replace(b"{PORT}", str(port).encode()).replace(b"{SCHEME}", SCHEME.encode()))
        if self.path.startswith("/files/"):
            body = read(os.path.join("files", os.path.basename(self.path)))
            svg = self.path.endswith(".svg")
            if body is None:
                return self.send(404, b"not found")
            return self.send(200, body, content_type="image/svg+xml" if svg else "application/json")
        if self.path == "/jwks":
            redirect = read("redirect")
            if redirect:
                self.send_response(302)
                self.send_header("Location", redirect.decode().strip())
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            cache_control = read("cache-control")
            headers = [("Cache-Control", cache_control.decode().strip())] if cache_control else []
            return self.send(200, read("jwks.json") or b'{"keys":[]}', headers)
        self.send(404, b'{"error":"not found"}')


class Server(http.server.ThreadingHTTPServer):
    protocol_version = "HTTP/1.1"


Handler.protocol_version = "HTTP/1.1"
server = Server(("127.0.0.1", 0), Handler)
if len(sys.argv) == 4:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)


def stop_when_idle():
    while time.monotonic() - last_request < IDLE_LIMIT:
        time.sleep(1)
    server.shutdown()


threading.Thread(target=stop_when_idle, daemon=True).start()
server.serve_forever()
