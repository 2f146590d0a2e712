#!/usr/bin/env python3
"""Times jwt-inspect against its peers in one run (see jwt-verify.sh)."""
import os
import re
import statistics
import subprocess
import sys
import time

out, inspect = sys.argv[1], sys.argv[2]
runs = int(os.environ.get("RUNS", "21"))
issuer, audience = "https://api.passwordless.id", "https://app.test"
rs256 = open(f"{out}/RS256.txt").read().split()
es256 = open(f"{out}/ES256.txt").read().split()


def wall(command, stdin=None):
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as feed:
        start = time.perf_counter()
        result = subprocess.run(command, stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command[:3])}… {result.stderr.decode()[:300]}")
    return elapsed


def median_ms(command):
    wall(command)  # warm-up
    return statistics.median(wall(command) for _ in range(runs)) * 1000


# The openssl peer checks only the signature: split the token into signing input and signature bytes.
import base64
header, payload, signature = rs256[0].split(".")
open(f"{out}/input.txt", "w").write(f"{header}.{payload}")
open(f"{out}/sig.bin", "wb").write(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))

token = rs256[0]
ours = median_ms([inspect, "--jwks", f"{out}/jwks.json", "--issuer", issuer, "--audience", audience, token])
openssl = median_ms(["openssl", "dgst", "-sha256", "-verify", f"{out}/rsa.pem", "-signature", f"{out}/sig.bin", f"{out}/input.txt"])
pyjwt = median_ms([sys.executable, os.path.join(os.path.dirname(__file__), "pyjwt_verify.py"), f"{out}/jwks.json", token, issuer, audience])
print(f"single RS256 verify, whole process, median of {runs}:")
print(f"  jwt-inspect {ours:7.2f} ms (target <= 20 ms)")
print(f"  openssl     {openssl:7.2f} ms (signature only)")
print(f"  PyJWT       {pyjwt:7.2f} ms")
print(f"  PyJWT / jwt-inspect = {pyjwt / ours:.1f}x (target >= 5x); jwt-inspect / openssl = {ours / openssl:.2f}")


def speed(algorithm):
    text = subprocess.run(["openssl", "speed", "-seconds", "3", "-multi", str(os.cpu_count()), algorithm],
                          capture_output=True, text=True).stdout
    line = [l for l in text.splitlines() if l.startswith("rsa 2048") or "nistp256" in l][-1]
    return float(line.split()[-1])


for name, tokens, repeat, peer, target in (("RS256", rs256, 30, "rsa2048", 0.6), ("ES256", es256, 15, "ecdsap256", 0.8)):
    path = f"{out}/{name}-batch.txt"
    with open(path, "w") as f:
        for _ in range(repeat):
            f.write("\n".join(tokens) + "\n")
    count = len(tokens) * repeat
    seconds = statistics.median(wall([inspect, "--jwks", f"{out}/jwks.json", "--issuer", issuer, "--audience", audience, "--batch"], stdin=path) for _ in range(3))
    rate = count / seconds
    # The same batch without signatures: what decoding, claim checks and JSON output cost on their own.
    unsigned = statistics.median(wall([inspect, "--no-verify", "--issuer", issuer, "--audience", audience, "--batch"], stdin=path) for _ in range(3))
    ceiling = speed(peer)
    cores = os.cpu_count()
    print(f"--batch {name}: {count} tokens ({len(tokens)} distinct) in {seconds:.2f} s = {rate:,.0f} tokens/s; "
          f"openssl speed {peer} verify on {cores} cores: {ceiling:,.0f}/s; ratio {rate / ceiling:.2f} (target >= {target})")
    print(f"  per token on one core: {seconds * cores / count * 1e6:.0f} us in all, {unsigned * cores / count * 1e6:.0f} us without the "
          f"signature (--no-verify); openssl speed's verify alone: {cores / ceiling * 1e6:.0f} us")
