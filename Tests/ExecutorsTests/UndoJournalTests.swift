import Executors
import Foundation
import Planner
import TestSupport
import Testing

/// The undo journal, filled by the plan runner running real commands (sh): what ran is recorded with its
/// reversal; what failed or did not run is not; an undo marks its change undone.
@Suite("Undo journal")
struct UndoJournalTests {
    func change(_ name: String, exit code: Int = 0, undo: Reversal?) -> PlanStep {
        var step = PlanStep(argv: ["sh", "-c", "exit \(code)"], mutating: true, summary: "change \(name)")
        step.reversal = undo
        return step
    }

    func putBack(_ name: String) -> Reversal {
        .steps(
            summary: "put \(name) back",
            [
                PlanStep(
                    argv: ["kubectl", "--context=ctx", "scale", "deployment/\(name)", "--replicas=1"], mutating: true,
                    summary: "put \(name) back", expectation: nil,
                    validationArgv: [
                        "kubectl", "--context=ctx", "scale", "deployment/\(name)", "--replicas=1", "--dry-run=server",
                    ],
                    timeoutSeconds: 42, confirmation: .typeName(name)),
                PlanStep(
                    argv: ["kubectl", "get", "deployment/\(name)"], mutating: false, summary: "check \(name)",
                    expectation: .outputEquals("1")),
            ])
    }

    @Test("the reversals of the changes that ran are kept, last first; a failed and a skipped step are not")
    func recordsWhatRan() async throws {
        let folder = try TemporaryFolder()
        let journal = UndoJournal(file: URL(fileURLWithPath: folder.path + "/undo.json"))
        let plan = ExecutionPlan(
            request: "do three things", intents: [],
            steps: [
                change("a", undo: putBack("a")),
                change("b", undo: .impossible("b cannot come back")),
                change("c", exit: 1, undo: putBack("c")),
                change("d", undo: putBack("d")),
            ], outcome: "")
        let runner = PlanRunner(
            runner: ProcessRunner(),
            journal: AuditLog(file: URL(fileURLWithPath: folder.path + "/audit.jsonl"), context: "ctx"),
            undoJournal: journal)
        let report = await runner.run(plan)
        #expect(report.outcomes.map(\.status) == [.succeeded, .succeeded, .failed, .skipped])
        let changes = journal.changes()
        try #require(changes.count == 1)
        let recorded = changes[0]
        #expect(recorded.request == "do three things")
        #expect(recorded.context == "ctx")
        #expect(recorded.id == runner.journal?.planID)
        #expect(recorded.reversals.map(\.summary) == ["b cannot come back", "put a back"])
        // The stored steps come back whole: validation, check, time-out and typed-name confirmation.
        #expect(recorded.undoSteps == putBack("a").steps)
    }

    @Test("a plan that changed nothing records nothing; an undo that succeeded marks its change undone")
    func undoMarksUndone() async throws {
        let folder = try TemporaryFolder()
        let journal = UndoJournal(file: URL(fileURLWithPath: folder.path + "/state/undo.json"))
        let runner = PlanRunner(runner: ProcessRunner(), undoJournal: journal)
        _ = await runner.run(
            ExecutionPlan(
                request: "look", intents: [],
                steps: [PlanStep(argv: ["true"], mutating: false, summary: "look")], outcome: ""))
        #expect(journal.changes().isEmpty)
        _ = await runner.run(
            ExecutionPlan(request: "change", intents: [], steps: [change("a", undo: putBack("a"))], outcome: ""))
        let id = try #require(journal.changes().first?.id)
        var failedUndo = ExecutionPlan(
            request: "undo", intents: [], steps: [change("a", exit: 1, undo: nil)], outcome: "")
        failedUndo.undoes = id
        _ = await runner.run(failedUndo)
        #expect(journal.changes().map(\.undone) == [false], "a failed undo leaves the change to undo")
        var undo = ExecutionPlan(request: "undo", intents: [], steps: [change("a", undo: nil)], outcome: "")
        undo.undoes = id
        _ = await runner.run(undo)
        #expect(journal.changes().map(\.undone) == [true])
        #expect(journal.changes().count == 1, "the undo itself is not a new change")
        let mode = try FileManager.default.attributesOfItem(atPath: journal.file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the journal is the user's own")
    }

    @Test("the journal keeps the last 50 changes")
    func capacity() async throws {
        let folder = try TemporaryFolder()
        let journal = UndoJournal(file: URL(fileURLWithPath: folder.path + "/undo.json"))
        let runner = PlanRunner(runner: ProcessRunner(), undoJournal: journal)
        for index in 0..<(UndoJournal.capacity + 3) {
            _ = await runner.run(
                ExecutionPlan(
                    request: "change \(index)", intents: [], steps: [change("x", undo: putBack("x"))], outcome: ""))
        }
        let changes = journal.changes()
        #expect(changes.count == UndoJournal.capacity)
        #expect(changes.first?.request == "change 3")
        #expect(changes.last?.request == "change \(UndoJournal.capacity + 2)")
    }
}
