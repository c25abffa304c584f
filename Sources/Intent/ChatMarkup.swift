import Foundation

/// Markdown and chat layout around a request, taken off before the words are read: headings, quotes (`> `),
/// bullets and numbers of a list, bold and underline markers, and labels at the start of a line ("Request:",
/// "Context:", "Step 2:"). A list of steps is one request of several parts, joined with "and"
/// ("- scale web-app to 3\n- restart web-service" asks for both, in order). Code spans stay: they are quoting.
public enum ChatMarkup {
    /// Words that label a line or make a heading, and say nothing themselves.
    static let labels: Set<String> = [
        "request", "task", "ask", "question", "context", "problem", "issue", "goal", "note", "update", "info",
        "background", "details", "step", "todo-item", "action", "summary", "tl;dr", "tldr",
    ]

    /// The request without its layout; the same text when it has none.
    public static func plain(_ request: String) -> String {
        // Bytes, not Characters: this runs on every request, and most have nothing to take off.
        let bytes = Array(request.utf8)
        // "'srvthreds-engine' -> 2 replicas": an arrow between words says "to".
        let arrows: [[UInt8]] = [Array(" -> ".utf8), Array(" → ".utf8), Array(" => ".utf8)]
        if arrows.contains(where: { contains(bytes, $0) }) {
            return plain(
                request.replacingOccurrences(of: " -> ", with: " to ").replacingOccurrences(of: " → ", with: " to ")
                    .replacingOccurrences(of: " => ", with: " to "))
        }
        // Most requests are one plain line: nothing to take off. A line has something when it is one of several,
        // starts with a marker or a number, has bold or underline markers or a colon (a label), or spaces to trim.
        let blank: Set<UInt8> = [0x20, 0x09]
        let startsMarked = bytes.first { !blank.contains($0) }.map { "#>*-+•".utf8.contains($0) || (0x30...0x39).contains($0) } ?? false
        guard startsMarked || bytes.contains(0x0A) || bytes.contains(0x3A) || contains(bytes, Array("**".utf8))
            || contains(bytes, Array("__".utf8)) || bytes.first.map(blank.contains) == true
            || bytes.last.map(blank.contains) == true || request.first?.isNumber == true
        else {
            return request
        }
        var lines: [(text: String, listed: Bool)] = []
        for raw in request.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = Substring(raw).drop { $0 == " " || $0 == "\t" }
            var listed = false
            // "## Ask", "> quoted": markers at the start of a line.
            while let first = line.first, first == "#" || first == ">" {
                line = line.drop { $0 == first }.drop { $0 == " " || $0 == "\t" }
            }
            if let marker = listMarker(line) {
                line = line.dropFirst(marker).drop { $0 == " " || $0 == "\t" }
                listed = true
            }
            var text = String(line).replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
            text = droppingLabel(text)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            // A heading that is only a label ("## Ask") says nothing.
            if trimmed.isEmpty || labels.contains(trimmed.lowercased().trimmingCharacters(in: [":"])) { continue }
            lines.append((trimmed, listed))
        }
        guard !lines.isEmpty else { return request }
        // "Please do the following:" over a list: the line that introduces the steps says nothing of its own.
        if lines.count > 2, !lines[0].listed, lines[0].text.hasSuffix(":"),
            lines[0].text.split(separator: " ").count <= 8, lines.dropFirst().allSatisfy(\.listed)
        {
            lines.removeFirst()
        }
        if lines.count > 1, lines.allSatisfy(\.listed) {
            // The steps of a list, in order, as one request: each item's own closing period goes.
            return lines.map { $0.text.trimmingCharacters(in: [".", ";"]) }.joined(separator: " and ")
        }
        return lines.map(\.text).joined(separator: "\n")
    }

    /// Whether `needle`'s bytes are in `bytes`.
    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// The length of a list item's marker at the start of a line: "- ", "* ", "+ ", "• ", "1. ", "2) "; nil for none.
    static func listMarker(_ line: Substring) -> Int? {
        guard let first = line.first else { return nil }
        if "-*+•".contains(first), line.dropFirst().first == " " { return 1 }
        let digits = line.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2 else { return nil }
        let after = line.dropFirst(digits.count)
        if let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " { return digits.count + 1 }
        return nil
    }

    /// "Request: restart the backend" → "restart the backend"; "Step 2: …" too. A line that only starts with one
    /// of the words ("context of the api") keeps it: only a label followed by a colon goes.
    static func droppingLabel(_ line: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return line }
        let head = line[..<colon].lowercased().split(separator: " ")
        // "Quick question before I start: …": a short opening that says what kind of message follows.
        let opening = head.count <= 6 && head.count >= 2 && ["quick", "small", "one", "also", "btw"].contains(String(head[0]))
            && ["question", "one", "thing", "request", "ask", "more"].contains(String(head[1]))
        guard let word = head.first, opening || labels.contains(String(word)),
            opening || head.count == 1 || (head.count == 2 && head[1].allSatisfy(\.isNumber))
        else { return line }
        return String(line[line.index(after: colon)...])
    }
}
