import Foundation
import Intent
import Planner

/// The audit log: every step kagent ran, one JSON line each, appended to a file in the user's state folder.
///
/// A line: `{"time", "plan", "step", "request", "context", "namespace", "argv", "status", "exit_status",
/// "seconds", "origin" (only for an MCP client's steps)}`. The request is the shown one (secret values already `(hidden)`), and argv never holds a
/// secret value (those reach kubectl on its standard input, or helm in a private values file); both pass
/// ``SecretPolicy`` once more on the way in, so the log holds none.
public struct AuditLog: Sendable {
    public let file: URL
    /// The kubeconfig context the plan ran against, when known.
    public let context: String?
    /// One id for all the steps of one plan.
    public let planID: String
    /// Where the request came from when not kagent's own command line ("mcp"); nil writes no `origin`.
    public let origin: String?

    public init(
        file: URL, context: String?, planID: String = String(UUID().uuidString.prefix(8)).lowercased(),
        origin: String? = nil
    ) {
        self.file = file
        self.context = context
        self.planID = planID
        self.origin = origin
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var time: String
        public var plan: String
        public var step: Int
        public var request: String
        public var context: String?
        public var namespace: String?
        public var argv: [String]
        public var status: String
        public var exitStatus: Int32?
        public var seconds: Double?
        /// "mcp" for a step run for an MCP client; absent for kagent's own command line and shell.
        public var origin: String?

        enum CodingKeys: String, CodingKey {
            case time, plan, step, request, context, namespace, argv, status, seconds, origin
            case exitStatus = "exit_status"
        }
    }

    /// Appends one line for a step that ran (skipped steps did not run and are not recorded).
    public func record(_ outcome: ExecutionReport.StepOutcome, step: Int, of plan: ExecutionPlan) {
        guard outcome.status != .skipped else { return }
        let namespace = outcome.step.argv.first { $0.hasPrefix("--namespace=") }.map {
            String($0.dropFirst("--namespace=".count))
        }
        let entry = Entry(
            time: ISO8601DateFormatter().string(from: Date()), plan: planID, step: step,
            request: SecretPolicy.hide(in: plan.request), context: context, namespace: namespace,
            argv: SecretPolicy.hide(arguments: outcome.step.argv), status: outcome.status.rawValue,
            exitStatus: outcome.result?.exitCode, seconds: outcome.result.map { ($0.seconds * 1000).rounded() / 1000 },
            origin: origin)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(entry) else { return }
        line.append(UInt8(ascii: "\n"))
        append(line)
    }

    private func append(_ line: Data) {
        let fileManager = FileManager.default
        try? fileManager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !fileManager.fileExists(atPath: file.path) {
            _ = fileManager.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = try? FileHandle(forWritingTo: file) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: line)
    }

    /// The last `count` entries of a log file, oldest first; lines that do not decode are skipped.
    public static func entries(in file: URL, last count: Int) -> [Entry] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        return text.split(separator: "\n").suffix(count).compactMap {
            try? decoder.decode(Entry.self, from: Data($0.utf8))
        }
    }
}
