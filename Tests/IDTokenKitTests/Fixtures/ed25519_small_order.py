#!/usr/bin/env python3
"""Prints, one per line in hex, the encodings of every Ed25519 point of order dividing 8, computed from the
curve's definition (RFC 8032 §5.1) rather than copied from a list: [L]Q for random points Q lands in the
8-torsion subgroup, until all eight of its points are found. Checks the verifier's own list of keys it refuses."""
import random

p = 2**255 - 19
d = (-121665 * pow(121666, p - 2, p)) % p
L = 2**252 + 27742317777372353535851937790883648493
SQRT_M1 = pow(2, (p - 1) // 4, p)


def recover_x(y):
    x2 = (y * y - 1) * pow(d * y * y + 1, p - 2, p) % p
    x = pow(x2, (p + 3) // 8, p)
    if (x * x - x2) % p:
        x = x * SQRT_M1 % p
    return None if (x * x - x2) % p else x


def add(P, Q):
    (x1, y1), (x2, y2) = P, Q
    t = d * x1 * x2 * y1 * y2
    return ((x1 * y2 + x2 * y1) * pow(1 + t, p - 2, p) % p, (y1 * y2 + x1 * x2) * pow(1 - t, p - 2, p) % p)


def multiply(k, P):
    R = (0, 1)
    while k:
        if k & 1:
            R = add(R, P)
        P, k = add(P, P), k >> 1
    return R


random.seed(8032)
torsion = set()
while len(torsion) < 8:
    y = random.randrange(p)
    x = recover_x(y)
    if x is not None:
        torsion.add(multiply(L, (x, y)))
for x, y in sorted(torsion):
    print((y | (x & 1) << 255).to_bytes(32, "little").hex())
