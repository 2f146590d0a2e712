#!/usr/bin/env python3
"""An HTTP CONNECT proxy on 127.0.0.1 for jwt-inspect's proxy tests.

Usage: connect_proxy.py STATE_DIR
Prints the port on its first line. Each CONNECT target is appended to STATE_DIR/tunnels.log, and the proxy
authorization header (if any) to STATE_DIR/authorization.log. Stops by itself after 60 s idle.
"""
import os
import select
import signal
import socket
import socketserver
import sys
import threading
import time

signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
STATE = sys.argv[1]
last_request = time.monotonic()


def append(name, line):
    with open(os.path.join(STATE, name), "a") as f:
        f.write(line + "\n")


class Tunnel(socketserver.StreamRequestHandler):
    def handle(self):
        global last_request
        last_request = time.monotonic()
        request = self.rfile.readline().decode().split()
        headers = {}
        while True:
            line = self.rfile.readline().decode().strip()
            if not line:
                break
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if len(request) < 2 or request[0] != "CONNECT":
            self.wfile.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        append("tunnels.log", request[1])
        if "proxy-authorization" in headers:
            append("authorization.log", headers["proxy-authorization"])
        host, _, port = request[1].rpartition(":")
        upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()
        sockets = [self.connection, upstream]
        while True:
            readable, _, _ = select.select(sockets, [], [], 10)
            if not readable:
                break
            for source in readable:
                data = source.recv(65536)
                if not data:
                    upstream.close()
                    return
                (upstream if source is self.connection else self.connection).sendall(data)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Tunnel)
print(server.server_address[1], flush=True)


def stop_when_idle():
    while time.monotonic() - last_request < 60:
        time.sleep(1)
    server.shutdown()


threading.Thread(target=stop_when_idle, daemon=True).start()
server.serve_forever()
