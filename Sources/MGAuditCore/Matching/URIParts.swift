/// Character classes used to align and classify URI differences.
enum URIChar {
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace
    }

    /// Invisible formatting characters (U+200B…U+200D, U+FEFF, U+2060, bidi marks…).
    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        !isSpace(s) && (s.properties.generalCategory == .format || s.value == 0x200B)
    }

    static func isBlank(_ s: Unicode.Scalar) -> Bool { isSpace(s) || isZeroWidth(s) }

    static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// Full-width ASCII forms (U+FF01…U+FF5E) folded to ASCII; everything else unchanged.
    /// One scalar in, one scalar out, so offsets survive; used to find URI structure in sloppy input.
    static func skeleton(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if (0xFF01...0xFF5E).contains(s.value), let ascii = Unicode.Scalar(s.value - 0xFEE0) { return ascii }
        return s
    }

    /// `actual` is a compatibility form (NFKC changes it) of `expected`, e.g. 'ｍ' (U+FF4D) for 'm', '－' for '-'.
    static func isFullWidthForm(_ actual: Unicode.Scalar, of expected: Unicode.Scalar) -> Bool {
        guard actual != expected else { return false }
        let folded = String(actual).precomposedStringWithCompatibilityMapping
        guard folded != String(actual) else { return false }
        return folded == String(expected) || folded.lowercased() == String(expected).lowercased()
    }

    static func isCaseVariant(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        a != b && String(a).lowercased() == String(b).lowercased()
    }
}

/// Where in a URI a character sits. Offsets are Unicode-scalar offsets into the whole string.
enum URIRegion: Sendable, Hashable {
    case leading, scheme, separator, host, port, path, query, fragment, trailing
}

/// A tolerant split of a URI into its parts; it never fails on spaces or full-width characters
/// inside, only when there is no `://` at all (then `nil`).
struct URIParts {
    var leading: Range<Int>
    var scheme: Range<Int>
    var separator: Range<Int>
    var host: Range<Int>
    var port: Range<Int>
    var path: Range<Int>
    var query: Range<Int>
    var fragment: Range<Int>
    var trailing: Range<Int>

    /// Blank characters at either end, and the core between them.
    static func edges(_ scalars: [Unicode.Scalar]) -> (leading: Range<Int>, core: Range<Int>, trailing: Range<Int>) {
        var start = 0
        while start < scalars.count, URIChar.isBlank(scalars[start]) { start += 1 }
        var end = scalars.count
        while end > start, URIChar.isBlank(scalars[end - 1]) { end -= 1 }
        return (0..<start, start..<end, end..<scalars.count)
    }

    /// With `schemeless`, a string without "://" whose first segment looks like a host name
    /// ("abc-mgf.cybermail.jp/mg-cgi/mg_login") is split with an empty scheme.
    static func parse(_ scalars: [Unicode.Scalar], schemeless: Bool = false) -> URIParts? {
        let sk = scalars.map(URIChar.skeleton)
        let (leading, core, trailing) = edges(scalars)
        func first(_ chars: Set<Unicode.Scalar>, from: Int) -> Int {
            var index = from
            while index < core.upperBound, !chars.contains(sk[index]) { index += 1 }
            return index
        }
        // The scheme ends at the first "://", which must come before any "/", "?" or "#".
        var colon: Int?
        var index = core.lowerBound
        while index + 2 < core.upperBound {
            if sk[index] == ":" && sk[index + 1] == "/" && sk[index + 2] == "/" { colon = index; break }
            if sk[index] == "/" || sk[index] == "?" || sk[index] == "#" { break }
            index += 1
        }
        let schemeEnd: Int
        let authorityStart: Int
        if let colon, colon > core.lowerBound {
            schemeEnd = colon
            authorityStart = colon + 3
        } else if schemeless, colon == nil {
            let firstSegment = sk[core.lowerBound..<first(["/", "?", "#"], from: core.lowerBound)]
            guard firstSegment.contains(".") else { return nil }
            schemeEnd = core.lowerBound
            authorityStart = core.lowerBound
        } else {
            return nil
        }
        let authorityEnd = first(["/", "?", "#"], from: authorityStart)
        // A port is the last ":" of the authority followed only by digits and blanks.
        var portStart = authorityEnd
        var probe = authorityEnd
        while probe > authorityStart {
            probe -= 1
            let s = sk[probe]
            if s == ":" { portStart = probe; break }
            if !(("0"..."9").contains(s) || URIChar.isBlank(s)) { break }
        }
        let queryStart = first(["?", "#"], from: authorityEnd)
        let fragmentStart = first(["#"], from: queryStart)
        return URIParts(
            leading: leading,
            scheme: core.lowerBound..<schemeEnd,
            separator: schemeEnd..<authorityStart,
            host: authorityStart..<portStart,
            port: portStart..<authorityEnd,
            path: authorityEnd..<queryStart,
            query: queryStart..<fragmentStart,
            fragment: fragmentStart..<core.upperBound,
            trailing: trailing
        )
    }

    /// The parts in order, each with its region.
    var pieces: [(URIRegion, Range<Int>)] {
        [(.leading, leading), (.scheme, scheme), (.separator, separator), (.host, host), (.port, port),
         (.path, path), (.query, query), (.fragment, fragment), (.trailing, trailing)]
    }

    func region(at offset: Int) -> URIRegion {
        for (region, range) in pieces where range.contains(offset) { return region }
        return offset <= 0 ? .leading : .trailing
    }

    /// The registrable domain at the end of the host: the last two labels, or three under a
    /// second-level ccTLD such as `co.jp`; the whole host when it has fewer labels.
    func registrableDomain(_ scalars: [Unicode.Scalar]) -> Range<Int> {
        let dots = host.filter { URIChar.skeleton(scalars[$0]) == "." }
        let labels = String(String.UnicodeScalarView(scalars[host].map(URIChar.skeleton))).lowercased()
            .split(separator: ".", omittingEmptySubsequences: false)
        let secondLevel: Set<Substring> = ["co", "ne", "or", "ac", "ad", "ed", "go", "gr", "lg", "com", "net", "org", "gov", "edu"]
        var take = 2
        if labels.count >= 3, labels[labels.count - 1].count == 2, secondLevel.contains(labels[labels.count - 2]) { take = 3 }
        guard dots.count >= take else { return host }
        return (dots[dots.count - take] + 1)..<host.upperBound
    }
}
