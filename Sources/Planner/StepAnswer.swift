import Foundation

/// The plain sentence a read answers a question with, worked out from the command's own output after it ran: "how
/// many replicas does the frontend have" → "todo-frontend has 1 replica; 1 is ready." Never from what was read while
/// planning: the sentence says what the command printed, or nothing when its output is not the table expected.
public enum StepAnswer: String, Sendable, Hashable, Codable {
    /// `kubectl get deployment/NAME` (or statefulset, replicaset): its READY column.
    case replicas
    /// `kubectl get KIND/NAME -o custom-columns=NAME:…,IMAGES:…` or `get pods -o custom-columns=…,POD:…,IMAGES:…`.
    case images
    /// `kubectl get pods -o wide`: the NODE column.
    case nodes
    /// `kubectl version`: its "Server Version:" line (and the client's).
    case version

    /// The sentence, or nil when the output is not what the command prints when it answers.
    public func sentence(from output: String) -> String? {
        if self == .version { return Self.versionSentence(output) }
        guard let (header, body) = Self.table(output), !body.isEmpty else { return nil }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        switch self {
        case .replicas:
            guard let nameAt = column("NAME"), let readyAt = column("READY") else { return nil }
            let parts = body.compactMap { row -> String? in
                let counts = row[readyAt].split(separator: "/")
                guard counts.count == 2, let ready = Int(counts[0]), let wanted = Int(counts[1]) else { return nil }
                return "\(row[nameAt]) has \(wanted) \(wanted == 1 ? "replica" : "replicas"); \(ready) "
                    + (ready == 1 ? "is" : "are") + " ready"
            }
            return parts.isEmpty ? nil : parts.joined(separator: "; ") + "."
        case .images:
            guard let imagesAt = column("IMAGES"), let nameAt = column("POD") ?? column("NAME") else { return nil }
            let parts = body.map { row -> String in
                let images = row[imagesAt].split(separator: ",").map(String.init)
                return "\(row[nameAt]) runs " + Self.list(images)
            }
            return parts.count > 5 ? nil : parts.joined(separator: "; ") + "."
        case .nodes:
            guard let nameAt = column("NAME"), let nodeAt = column("NODE") else { return nil }
            let parts = body.map { row in
                row[nodeAt] == "<none>" ? "\(row[nameAt]) is on no node yet" : "\(row[nameAt]) runs on \(row[nodeAt])"
            }
            return parts.count > 5 ? nil : parts.joined(separator: "; ") + "."
        case .version:
            return nil
        }
    }

    /// "Server Version: v1.20.2" (or kubectl's older `version.Info{… GitVersion:"v1.20.2" …}`) → "The cluster runs
    /// Kubernetes v1.20.2; kubectl is v1.32.4."
    static func versionSentence(_ output: String) -> String? {
        func version(after label: String) -> String? {
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(label) }) else { return nil }
            let rest = line.dropFirst(label.count)
            if let range = rest.range(of: "GitVersion:\"") {
                return String(rest[range.upperBound...].prefix { $0 != "\"" })
            }
            let word = rest.split(separator: " ").first.map(String.init)
            return word.flatMap { $0.hasPrefix("v") ? $0 : nil }
        }
        guard let server = version(after: "Server Version:") else { return nil }
        let client = version(after: "Client Version:").map { "; kubectl is \($0)" } ?? ""
        return "The cluster runs Kubernetes \(server)\(client)."
    }

    /// kubectl's table: the column names (separated by two spaces or more: "NOMINATED NODE" is one) and each row's
    /// cells, cut where the header's columns start; nil when the first line is no such header.
    static func table(_ output: String) -> (header: [String], rows: [[String]])? {
        let lines = output.split(separator: "\n").map { Array($0) }
        guard let first = lines.first else { return nil }
        var starts: [Int] = []
        var names: [String] = []
        var index = 0
        while index < first.count {
            if first[index] != " " && (index == 0 || (index >= 2 && first[index - 1] == " " && first[index - 2] == " ")) {
                starts.append(index)
            }
            index += 1
        }
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] : first.count
            names.append(String(first[start..<end]).trimmingCharacters(in: .whitespaces))
        }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && $0 == $0.uppercased() }) else { return nil }
        let rows = lines.dropFirst().map { line in
            starts.enumerated().map { number, start -> String in
                guard start < line.count else { return "" }
                let end = number + 1 < starts.count ? min(starts[number + 1], line.count) : line.count
                return String(line[start..<end]).trimmingCharacters(in: .whitespaces)
            }
        }
        return (names, rows.filter { !$0.contains("") })
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "no image" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}
