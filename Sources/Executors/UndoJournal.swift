import Foundation
import Intent
import Planner

/// The undo journal: for each plan that changed something, how to put back the steps that ran, worked out before
/// they ran. A JSON file in the user's state folder; `kagent undo` plans from it.
///
/// It holds what a reversal runs (argv, server-side validation, checks) and nothing secret: reversals never carry
/// standard input or private values, the request is the shown one, and both pass ``SecretPolicy`` once more.
public struct UndoJournal: ChangeHistory {
    public let file: URL
    /// How many changes are kept; older ones are dropped.
    public static let capacity = 50

    public init(file: URL) {
        self.file = file
    }

    public func changes() -> [RecordedChange] {
        entries().map(\.change)
    }

    /// Records the reversals of the changing steps of `report` that succeeded (last first), under the plan id.
    /// An undo plan records nothing new: it marks the change it undid as undone, once every step succeeded.
    public func record(_ report: ExecutionReport, id: String, context: String?, time: Date = Date()) {
        if let undone = report.plan.undoes {
            guard report.succeeded else { return }
            var entries = entries()
            for index in entries.indices where entries[index].id == undone { entries[index].undone = true }
            write(entries)
            return
        }
        let reversals = report.completedReversals
        guard !reversals.isEmpty else { return }
        var entries = entries()
        entries.append(
            Entry(
                RecordedChange(
                    id: id, time: time, request: SecretPolicy.hide(in: report.plan.request), context: context,
                    reversals: reversals)))
        write(Array(entries.suffix(Self.capacity)))
    }

    // MARK: - The file

    struct Entry: Codable {
        var id: String
        var time: Date
        var request: String
        var context: String?
        var undone: Bool
        var reversals: [StoredReversal]

        init(_ change: RecordedChange) {
            id = change.id
            time = change.time
            request = change.request
            context = change.context
            undone = change.undone
            reversals = change.reversals.map(StoredReversal.init)
        }

        var change: RecordedChange {
            RecordedChange(
                id: id, time: time, request: request, context: context, reversals: reversals.map(\.reversal),
                undone: undone)
        }
    }

    struct StoredReversal: Codable {
        var summary: String
        /// Empty when it cannot be undone (the summary says why).
        var steps: [StoredStep]
        var possible: Bool

        init(_ reversal: Reversal) {
            summary = reversal.summary
            steps = reversal.steps.map(StoredStep.init)
            possible = reversal.isPossible
        }

        var reversal: Reversal {
            possible ? .steps(summary: summary, steps.map(\.step)) : .impossible(summary)
        }
    }

    /// Everything of a step a reversal needs (standard input never: reversals have none).
    struct StoredStep: Codable {
        var argv: [String]
        var mutating: Bool
        var summary: String
        var validationArgv: [String]?
        var expected: String?
        var timeoutSeconds: Int
        var typeName: String?

        init(_ step: PlanStep) {
            argv = step.argv
            mutating = step.mutating
            summary = step.summary
            validationArgv = step.validationArgv
            if case .outputEquals(let text) = step.expectation { expected = text }
            timeoutSeconds = step.timeoutSeconds
            if case .typeName(let name) = step.confirmation { typeName = name }
        }

        var step: PlanStep {
            PlanStep(
                argv: argv, mutating: mutating, summary: summary, expectation: expected.map { .outputEquals($0) },
                validationArgv: validationArgv, timeoutSeconds: timeoutSeconds,
                confirmation: typeName.map { .typeName($0) } ?? .standard)
        }
    }

    func entries() -> [Entry] {
        guard let data = try? Data(contentsOf: file) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode([Entry].self, from: data)) ?? []
    }

    private func write(_ entries: [Entry]) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        guard let data = try? encoder.encode(entries) else { return }
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Written whole to a temporary file and renamed: a reader never sees half a journal.
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(getpid())")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { return }
        if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }
}
