#!/usr/bin/env python3
"""The PyJWT peer: verify one ID token against a JWKS file, with the same checks jwt-inspect makes.
Usage: pyjwt_verify.py JWKS TOKEN ISSUER AUDIENCE"""
import json
import sys

import jwt

jwks_path, token, issuer, audience = sys.argv[1:5]
keys = {key["kid"]: key for key in json.load(open(jwks_path))["keys"]}
header = jwt.get_unverified_header(token)
key = jwt.PyJWK(keys[header["kid"]])
claims = jwt.decode(token, key.key, algorithms=[header["alg"]], audience=audience, issuer=issuer,
                    options={"require": ["exp", "iat", "sub"]}, leeway=60)
print(claims["sub"])
