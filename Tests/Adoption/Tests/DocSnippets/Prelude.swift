// What the documentation's samples use without declaring it, as an adopter's server has it at hand. The samples
// themselves are written into Generated/ by scripts/extract-doc-snippets (`make adoption`), so that every Swift
// sample of the README's server section and of the DocC articles is compiled as an adopter's code.
let bearerToken = "eyJ…"
let clientID = "https://app.example"
let jwksText = #"{"keys": []}"#
let pemText = "-----BEGIN PUBLIC KEY-----"
