#!/usr/bin/env python3
"""Serves a folder as plain files on 127.0.0.1, for the browser tests; stops by itself after two minutes.

Usage: static_server.py PORT FOLDER [--cors] [--drop PREFIX] [--log FILE]
  --cors          adds Access-Control-Allow-Origin: * (a module script from another origin needs it, as from a CDN)
  --drop PREFIX   closes the connection without an answer for paths under PREFIX: a server that is down
  --log FILE      appends a line per request: path, status and the bytes of the body sent (what a page fetches,
                  its workers included, which the page's own Resource Timing does not see)
"""
import functools
import http.server
import os
import socket
import sys
import threading

port, folder = int(sys.argv[1]), sys.argv[2]
cors = "--cors" in sys.argv
drop = sys.argv[sys.argv.index("--drop") + 1] if "--drop" in sys.argv else None
log = open(sys.argv[sys.argv.index("--log") + 1], "a", buffering=1) if "--log" in sys.argv else None
log_lock = threading.Lock()
threading.Timer(120, lambda: os._exit(0)).start()


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_response(self, code, message=None):
        self.status = code
        super().send_response(code, message)

    def copyfile(self, source, outputfile):
        sent = 0
        while chunk := source.read(64 * 1024):
            outputfile.write(chunk)
            sent += len(chunk)
        self.sent = sent

    def record(self):
        if log:
            with log_lock:
                log.write(f"{self.path} {self.status} {self.sent}\n")

    def end_headers(self):
        if cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def do_GET(self):
        self.status, self.sent = 0, 0
        if drop and self.path.startswith(drop):
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        super().do_GET()
        self.record()


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=folder))
server.serve_forever()
