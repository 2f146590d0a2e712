print("jwt-inspect: not yet")
