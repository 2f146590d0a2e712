#!/usr/bin/env python3
"""Serves a folder as plain files on 127.0.0.1, for the browser tests; stops by itself after two minutes.

Usage: static_server.py PORT FOLDER [--cors] [--drop PREFIX]
  --cors          adds Access-Control-Allow-Origin: * (a module script from another origin needs it, as from a CDN)
  --drop PREFIX   closes the connection without an answer for paths under PREFIX: a server that is down
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
threading.Timer(120, lambda: os._exit(0)).start()


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        if cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def do_GET(self):
        if drop and self.path.startswith(drop):
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        super().do_GET()


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=folder))
server.serve_forever()
