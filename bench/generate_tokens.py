#!/usr/bin/env python3
"""Writes the benchmark's keys and tokens: an RSA 2048 and a P-256 key (JWKS, and the RSA key as PEM), and
COUNT distinct RS256 and ES256 ID tokens shaped like Passwordless.ID's. Usage: generate_tokens.py OUT COUNT
"""
import json, time, base64, sys
from cryptography.hazmat.primitives.asymmetric import rsa, ec, padding, utils
from cryptography.hazmat.primitives import hashes, serialization
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()
def intb(n, size=None):
    l = size or (n.bit_length()+7)//8
    return n.to_bytes(l,'big')
out=sys.argv[1]; count=int(sys.argv[2])
rk=rsa.generate_private_key(65537,2048); ek=ec.generate_private_key(ec.SECP256R1())
rn=rk.public_key().public_numbers(); en=ek.public_key().public_numbers()
jwks={"keys":[{"kty":"RSA","kid":"r","use":"sig","alg":"RS256","n":b64(intb(rn.n)),"e":b64(intb(rn.e))},
 {"kty":"EC","kid":"e","use":"sig","crv":"P-256","x":b64(intb(en.x,32)),"y":b64(intb(en.y,32))}]}
open(f"{out}/jwks.json","w").write(json.dumps(jwks))
open(f"{out}/rsa.pem","wb").write(rk.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
now=int(time.time())
for alg,kid in (("RS256","r"),("ES256","e")):
  lines=[]
  for i in range(count):
    h=b64(json.dumps({"alg":alg,"typ":"JWT","kid":kid}).encode())
    p=b64(json.dumps({"iss":"https://api.passwordless.id","sub":f"user-{i}","aud":"https://app.test","iat":now,"exp":now+36000,"nonce":str(i)}).encode())
    msg=f"{h}.{p}".encode()
    if alg=="RS256": sig=rk.sign(msg,padding.PKCS1v15(),hashes.SHA256())
    else:
      der=ek.sign(msg,ec.ECDSA(hashes.SHA256())); r,s=utils.decode_dss_signature(der); sig=intb(r,32)+intb(s,32)
    lines.append(f"{h}.{p}.{b64(sig)}")
  open(f"{out}/{alg}.txt","w").write("\n".join(lines)+"\n")
