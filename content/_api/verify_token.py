"""The same checks with PyJWT: python3 verify_token.py TOKEN PAGE_ORIGIN [ISSUER]"""
import sys

import jwt  # pip install "pyjwt[crypto]"

# #region verify
def verify(token, page_origin, issuer="https://api.passwordless.id"):
    # The key comes from the issuer's published set, chosen by the token's kid; the algorithm is fixed here.
    keys = jwt.PyJWKClient(f"{issuer}/openid/jwks")
    key = keys.get_signing_key_from_jwt(token)
    return jwt.decode(
        token,
        key.key,
        algorithms=["RS256"],
        issuer=issuer,
        audience=page_origin,
        leeway=60,
        options={"require": ["iss", "sub", "aud", "exp", "iat"]},
    )
# #endregion


if __name__ == "__main__":
    claims = verify(sys.argv[1], sys.argv[2], *sys.argv[3:4])
    print(claims["sub"], claims.get("nickname", ""))
