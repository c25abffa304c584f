import Foundation
import Yams

/// The hostile-input corpus (`Tests/HostileCorpus/hostile.yaml`): requests built to break out of a plan (shell
/// syntax, option injection, look-alike letters, control characters, path traversal, bad hosts and images),
/// each with what kagent must do with it. Kept apart from the labelled corpus, which measures accuracy.
public struct HostileCorpus: Sendable {
    public let cases: [Case]

    /// What kagent must do with a hostile request.
    public enum Expectation: String, Sendable, Decodable {
        /// Refused as input (exit 2); the message contains `reason`.
        case refused
        /// Not understood (exit 3); nothing is planned.
        case notUnderstood = "not_understood"
        /// Understood, but the planner refuses it (exit 1); the message contains `reason`.
        case planRefused = "plan_refused"
        /// Planned, with the hostile text kept out of every argv (or only as the whole element `value`).
        case understood
        /// A literal kubectl command: exactly `steps`, one argv element per word typed.
        case literal
    }

    /// One hostile request.
    public struct Case: Sendable, Decodable, CustomStringConvertible {
        public var request: String
        public var expect: Expectation
        /// Part of the refusal's message.
        public var reason: String?
        /// The text that must not reach an argv (understood cases).
        public var hostile: String?
        /// The one argv element the hostile text may be, as data: never an option.
        public var value: String?
        /// The plan's commands, shell-quoted, when pinned exactly.
        public var steps: [String]?
        /// false when the request cannot be a command-line argument (a NUL byte).
        public var binary: Bool?

        public init(request: String, expect: Expectation, reason: String? = nil) {
            self.request = request
            self.expect = expect
            self.reason = reason
        }

        /// The request with invisible and control characters spelled out, at most 80 characters.
        public var description: String {
            let shown = request.unicodeScalars.map { scalar in
                scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F
                    ? String(scalar) : "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }.joined()
            return shown.count > 80 ? String(shown.prefix(77)) + "..." : shown
        }
    }

    struct File: Decodable { var cases: [Case] }

    /// `Tests/HostileCorpus/hostile.yaml` of the source tree.
    public static var defaultFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/HostileCorpus/hostile.yaml")
    }

    public static func load(from file: URL = defaultFile) throws -> HostileCorpus {
        let text = try String(contentsOf: file, encoding: .utf8)
        return HostileCorpus(cases: try YAMLDecoder().decode(File.self, from: text).cases)
    }
}
