/// An http(s) URL, accepted only when a browser, reading it by the WHATWG URL rules, goes to the very origin read
/// here. Parsers differ exactly where an attacker aims: Foundation reads `http://evil.example\@127.0.0.1/` as
/// user `evil.example\` at 127.0.0.1, a browser as a path on evil.example. So what would be read two ways is
/// refused outright: user info (`@` before the host), a backslash, `%` in the host, white space and control
/// characters (a browser drops tabs and newlines anywhere), anything but `//` after the scheme, and non-ASCII.
package struct BrowserURL: Sendable, Equatable {
    /// `http` or `https`, lowercased.
    package let scheme: String
    /// Lowercased: a name, an IPv4 address in dotted decimal, or a bracketed IPv6 address.
    package let host: String
    /// Nil for the scheme's default port.
    package let port: Int?

    /// `scheme://host[:port]`, serialized as a browser's `location.origin` is (the default port left out).
    package var origin: String { "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "") }

    /// `localhost`, `[::1]` or an IPv4 address in 127.0.0.0/8.
    package var isLoopback: Bool {
        // The host is already plain (`isPlainHost`): a dotted decimal is canonical.
        if host.utf8.elementsEqual("localhost".utf8) || host.utf8.elementsEqual("[::1]".utf8) { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0].utf8.elementsEqual("127".utf8) && octets.allSatisfy { Int($0) != nil }
    }

    package init?(_ text: String) {
        let bytes = Array(text.utf8)
        // Printable ASCII without a backslash: a browser would drop or rewrite anything else.
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }),
            let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
        else { return nil }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        guard scheme == "http" || scheme == "https", bytes[(colon + 1)...].starts(with: "//".utf8) else { return nil }
        let authorityStart = colon + 3
        let authorityEnd =
            bytes[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? bytes.count
        let authority = bytes[authorityStart..<authorityEnd]
        var hostBytes = authority
        var portValue: Int?
        if let portColon = authority.lastIndex(of: UInt8(ascii: ":")), authority.last != UInt8(ascii: "]") {
            let digits = authority[(portColon + 1)...]
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ (0x30...0x39).contains($0) }),
                let number = Int(String(decoding: digits, as: UTF8.self)), (1...65535).contains(number)
            else { return nil }
            hostBytes = authority[..<portColon]
            portValue = number
        }
        let host = String(decoding: hostBytes, as: UTF8.self).lowercased()
        guard Self.isPlainHost(host) else { return nil }
        self.scheme = scheme
        self.host = host
        port = portValue == (scheme == "http" ? 80 : 443) ? nil : portValue
    }

    /// A host a browser keeps as written (once lowercased): `[::1]`, an IPv4 address in its canonical dotted
    /// decimal, or a name of letters, digits and hyphens in non-empty labels. A browser reads any host whose last
    /// label is a number (`127.1`, `0x7f`, `a.0x7f.`) as an IPv4 address in some notation, and maps `xn--` labels
    /// and other IPv6 spellings: refused rather than read two ways.
    private static func isPlainHost(_ host: String) -> Bool {
        if host.hasPrefix("[") { return host.utf8.elementsEqual("[::1]".utf8) }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard let last = labels.last,
            labels.allSatisfy({ label in
                !label.isEmpty && !label.hasPrefix("xn--")
                    && label.utf8.allSatisfy { isASCIILetterOrDigit($0) || $0 == UInt8(ascii: "-") }
            })
        else { return false }
        if last.utf8.allSatisfy(isASCIIDigit) {
            // Only the dotted decimal a browser writes back: four numbers 0 to 255 without leading zeros.
            return labels.count == 4
                && labels.allSatisfy { label in
                    label.utf8.allSatisfy(isASCIIDigit) && (label == "0" || label.first != "0")
                        && (Int(label).map { $0 <= 255 } ?? false)
                }
        }
        // `0x…` reads as a hexadecimal number to a browser.
        let lower = last.lowercased()
        return !(lower.hasPrefix("0x") && lower.dropFirst(2).allSatisfy(\.isHexDigit))
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        isASCIIDigit(byte) || (0x61...0x7A).contains(byte | 0x20)
    }
}
