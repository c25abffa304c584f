import Foundation
import Intent
import Planner
import Session
import Synchronization
import TestSupport
import Testing

/// The pipeline's outcomes, offline (names taken literally, nothing validated) and with confirmers that never
/// say yes, so nothing can run: each request ends in the stage and with the status its gates decide.
@Suite("Request pipeline")
struct PipelineTests {
    /// Answers every question as told and records the questions, in order.
    final class RecordingConfirmer: Confirmer {
        let answers: [ConfirmationAnswer]
        private let asked = Mutex<[String]>([])

        init(_ answers: [ConfirmationAnswer]) { self.answers = answers }

        func answer(_ question: ConfirmationQuestion) async -> ConfirmationAnswer {
            asked.withLock { asked in
                switch question {
                case .runChanges(_, let count): asked.append("run \(count)")
                case .typeName(let name): asked.append("type \(name)")
                case .protectedNamespace(let name): asked.append("namespace \(name)")
                case .fix(_, let index, _): asked.append("fix \(index)")
                }
                return index(asked.count - 1)
            }
        }

        private func index(_ position: Int) -> ConfirmationAnswer {
            position < answers.count ? answers[position] : .no
        }

        var questions: [String] { asked.withLock { $0 } }
    }

    static func pipeline(_ change: (inout SessionSettings) -> Void = { _ in }) throws -> (RequestPipeline, TemporaryFolder) {
        let state = try TemporaryFolder()
        var settings = SessionSettings(offline: true)
        change(&settings)
        let directories = UserDirectories(config: state.path + "/config", state: state.path + "/state",
            cache: state.path + "/cache")
        return (RequestPipeline(catalog: Catalog.shared, settings: settings, directories: directories), state)
    }

    @Test("a change with nobody to ask ends at confirm, not confirmed, with nothing run")
    func nobodyToAsk() async throws {
        var (pipeline, _) = try Self.pipeline()
        let outcome = await pipeline.handle(
            "scale backend to 3", confirmer: NoOneToAsk(changesApproved: false), observer: SilentObserver())
        #expect(outcome.status == .notConfirmed)
        #expect(outcome.stage == .confirm)
        #expect(outcome.ending == .declined(noTerminal: true))
        #expect(outcome.execution == nil)
        #expect(outcome.plan?.mutatingSteps.first?.argv.starts(with: ["kubectl", "scale"]) == true)
        #expect(outcome.message?.contains("--yes") == true)
    }

    @Test("the person saying no ends at confirm; the questions come protected namespace first")
    func declined() async throws {
        var (pipeline, _) = try Self.pipeline()
        let confirmer = RecordingConfirmer([.no])
        let outcome = await pipeline.handle(
            "scale deployment coredns in kube-system to 0", confirmer: confirmer, observer: SilentObserver())
        #expect(outcome.status == .notConfirmed)
        #expect(outcome.execution == nil)
        #expect(confirmer.questions == ["namespace kube-system"])
        #expect(outcome.message?.contains("kube-system") == true)
    }

    @Test("read-only mode stops a change at the gate, before anything is asked")
    func readOnly() async throws {
        var (pipeline, _) = try Self.pipeline { $0.readOnly = true }
        let confirmer = RecordingConfirmer([.yes])
        let outcome = await pipeline.handle("restart the backend", confirmer: confirmer, observer: SilentObserver())
        #expect(outcome.status == .notConfirmed)
        #expect(outcome.stage == .gate)
        #expect(confirmer.questions.isEmpty)
        #expect(outcome.message?.contains("read-only mode") == true)
    }

    @Test("--dry-run ends planned, and nothing is asked")
    func dryRun() async throws {
        var (pipeline, _) = try Self.pipeline { $0.dryRun = true }
        let confirmer = RecordingConfirmer([.yes])
        let outcome = await pipeline.handle("scale backend to 3", confirmer: confirmer, observer: SilentObserver())
        #expect(outcome.status == .planned)
        #expect(outcome.ending == .quiet)
        #expect(confirmer.questions.isEmpty)
        #expect(outcome.execution == nil)
    }

    @Test("words no rule reads end at understand with suggestions; shell syntax is refused as input")
    func notUnderstoodAndInvalid() async throws {
        var (pipeline, _) = try Self.pipeline()
        let confirmer = RecordingConfirmer([.yes])
        let vague = await pipeline.handle("make it better somehow", confirmer: confirmer, observer: SilentObserver())
        #expect(vague.status == .notUnderstood)
        #expect(vague.stage == .understand)
        #expect(vague.plan == nil)
        let hostile = await pipeline.handle(
            "scale backend to 3; rm -rf /", confirmer: confirmer, observer: SilentObserver())
        #expect(hostile.status == .invalidRequest)
        #expect(hostile.plan == nil)
        #expect(confirmer.questions.isEmpty)
    }

    @Test("a secret value never reaches the outcome's request or message")
    func secretHidden() async throws {
        var (pipeline, _) = try Self.pipeline()
        let outcome = await pipeline.handle(
            "create secret db-creds with password=hunter2secret in shop",
            confirmer: NoOneToAsk(changesApproved: false), observer: SilentObserver())
        #expect(!outcome.request.contains("hunter2secret"))
        #expect(!(outcome.message ?? "").contains("hunter2secret"))
        #expect(outcome.plan?.steps.allSatisfy { !$0.argv.joined().contains("hunter2secret") } == true)
    }

    @Test("'it' refers to what the previous request planned")
    func memory() async throws {
        var (pipeline, _) = try Self.pipeline { $0.dryRun = true }
        _ = await pipeline.handle("restart todo-backend", confirmer: NoOneToAsk(changesApproved: false),
            observer: SilentObserver())
        let outcome = await pipeline.handle("scale it to 2", confirmer: NoOneToAsk(changesApproved: false),
            observer: SilentObserver())
        #expect(outcome.status == .planned)
        #expect(outcome.plan?.mutatingSteps.first?.argv.contains("deployment/todo-backend") == true)
    }
}
