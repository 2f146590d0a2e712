extension Unicode.Scalar {
    /// Controls (C0, DEL, C1), bidirectional overrides and line separators: characters a token may carry that
    /// would drive a terminal or reorder what it shows. Reports escape them.
    public var drivesDisplay: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
