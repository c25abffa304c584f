/// Readers for the typed slots: each takes what the user typed and returns the canonical form, or nil.
public enum SlotParsing {
    /// `KEY=VALUE` with a key of letters, digits, `_`, `-`, `.` or `/` (label keys); the value may be empty.
    public static func pair(_ word: String) -> String? {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return nil }
        let key = word[..<equals]
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || "_-./".contains($0) }),
            !key.hasPrefix("-"), key.first?.isLetter == true || key.first?.isNumber == true
        else { return nil }
        return word
    }

    /// An image reference: lower-case repository path, optional `:tag`, optional `@sha256:digest`.
    public static func image(_ word: String) -> String? {
        var rest = Substring(word)
        if let at = rest.firstIndex(of: "@") {
            let digest = rest[rest.index(after: at)...]
            guard digest.hasPrefix("sha256:"), digest.count == 71,
                digest.dropFirst(7).allSatisfy({ $0.isHexDigit && !$0.isUppercase })
            else { return nil }
            rest = rest[..<at]
        }
        var repository = rest
        // A tag follows the last ':' that comes after the last '/' (a registry may have a port: host:5000/app).
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let tag = rest[rest.index(after: colon)...]
            guard !tag.isEmpty, tag.count <= 128, tag.first != "." && tag.first != "-",
                tag.allSatisfy({ $0.isLetter || $0.isNumber || "_.-".contains($0) })
            else { return nil }
            repository = rest[..<colon]
        }
        // "bump backend to version v2": words about images are not an image's name.
        if ["version", "tag", "release", "revision", "image", "images"].contains(repository) { return nil }
        guard !repository.isEmpty, repository.first?.isLetter == true || repository.first?.isNumber == true,
            repository.allSatisfy({ ($0.isLowercase || $0.isNumber || "._-/:".contains($0)) && $0.isASCII }),
            !repository.hasSuffix("/"), !repository.contains("//")
        else { return nil }
        return word
    }

    /// A version that may follow an image name: `1.22`, `v2.3.1`, `latest`, `1.25-alpine`.
    static func version(_ word: String) -> String? {
        if word == "latest" || word == "stable" { return word }
        let body = word.hasPrefix("v") ? word.dropFirst() : Substring(word)
        guard let first = body.first, first.isNumber,
            body.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }), body.count <= 64
        else { return nil }
        return word
    }

    /// An amount of memory: a quantity (``quantity(_:)``) whose unit is one of bytes ("2Gi", "512MB" → `512Mi`);
    /// nil for a bare number or a CPU amount ("500m").
    public static func memory(_ word: String) -> String? {
        guard let amount = quantity(word), let unit = amount.last, "iMGTkKPE".contains(unit) else { return nil }
        return amount
    }

    /// The shape kubectl prints, as `--output` takes it: "yaml", "yml" and "-oyaml" are `yaml`; json, wide and name
    /// likewise; nil for any other word.
    public static func shape(_ word: String) -> String? {
        var body = Substring(word.lowercased())
        if body.hasPrefix("-o") { body = body.dropFirst(2) }
        switch body {
        case "yaml", "yml": return "yaml"
        case "json", "wide", "name": return String(body)
        default: return nil
        }
    }

    /// `8080:80` or `8080`, each port 1–65535.
    public static func portPair(_ word: String) -> String? {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ Int($0).map { (1...65_535).contains($0) } ?? false })
        else { return nil }
        return word
    }

    /// `90s`, `5m`, `1h`, `2h30m`, `1d` (as `24h`: kubectl takes Go durations).
    public static func duration(_ word: String) -> String? {
        if word.hasSuffix("d"), let days = Int(word.dropLast()), days > 0, days <= 365 { return "\(days * 24)h" }
        var digits = ""
        var sawUnit = false
        for character in word {
            if character.isNumber {
                digits.append(character)
            } else if "hms".contains(character), !digits.isEmpty {
                digits = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        return sawUnit && digits.isEmpty ? word : nil
    }

    /// `5 minutes`, `2 hours`, `1 day`, `30 seconds`.
    public static func duration(amount: Int, unit: String) -> String? {
        guard amount > 0 else { return nil }
        switch unit {
        case "s", "sec", "secs", "second", "seconds": return "\(amount)s"
        case "m", "min", "mins", "minute", "minutes": return "\(amount)m"
        case "h", "hr", "hrs", "hour", "hours": return "\(amount)h"
        case "d", "day", "days": return "\(amount * 24)h"
        default: return nil
        }
    }

    /// `app=web`, `app=web,tier!=db`, `app in (a,b)` is not read here (quote it for kubectl pass-through).
    public static func selector(_ word: String) -> String? {
        let parts = word.split(separator: ",")
        guard !parts.isEmpty else { return nil }
        for part in parts {
            let text = part.replacingOccurrences(of: "!=", with: "=").replacingOccurrences(of: "==", with: "=")
            guard pair(text) != nil, !text.hasSuffix("=") else { return nil }
        }
        return word
    }

    /// `512Mi`, `1Gi`, `500m`, `0.5`, `2`; `512mb`/`512MB` → `512Mi`, `1gb` → `1Gi`, `512mi` → `512Mi`.
    public static func quantity(_ word: String) -> String? {
        let number = word.prefix { $0.isNumber || $0 == "." }
        guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, Double(number) != nil else { return nil }
        let unit = word.dropFirst(number.count)
        let canonical: [String: String] = [
            "": "", "m": "m", "k": "k", "ki": "Ki", "mi": "Mi", "gi": "Gi", "ti": "Ti", "kb": "Ki", "mb": "Mi",
            "gb": "Gi", "tb": "Ti", "M": "M", "G": "G", "K": "k",
        ]
        if let exact = canonical[String(unit)] { return number + exact }
        if let folded = canonical[unit.lowercased()], unit.count == 2 { return number + folded }
        return nil
    }

    /// A DNS host name with at least one dot: `app.example.com`; `*.example.com` allowed.
    public static func host(_ word: String) -> String? {
        let labels = word.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, word.count <= 253 else { return nil }
        for (index, label) in labels.enumerated() {
            if index == 0 && label == "*" { continue }
            guard !label.isEmpty, label.count <= 63, label.first != "-", label.last != "-",
                label.allSatisfy({ ($0.isLetter || $0.isNumber || $0 == "-") && $0.isASCII })
            else { return nil }
        }
        guard labels.last?.allSatisfy(\.isLetter) == true else { return nil }
        return word
    }

    /// A path: `.`, `..`, anything with `/`, or a file name with an extension. Never an option (`-x`).
    public static func looksLikePath(_ word: String) -> Bool {
        guard !word.isEmpty, !word.hasPrefix("-"), word.unicodeScalars.allSatisfy({ $0.value >= 0x20 }) else {
            return false
        }
        if word == "." || word == ".." || word.contains("/") { return true }
        guard let dot = word.lastIndex(of: "."), dot != word.startIndex else { return false }
        let ext = word[word.index(after: dot)...]
        return !ext.isEmpty && ext.count <= 8 && ext.allSatisfy { $0.isLetter || $0.isNumber }
    }
}
