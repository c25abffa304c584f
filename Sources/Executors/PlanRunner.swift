import Foundation
import Planner

/// Runs a plan's steps in order, stopping at the first failure, and checks verification steps.
public struct PlanRunner: Sendable {
    public let runner: any CommandRunner

    /// Where every step that ran is recorded (the audit log); nil records nothing.
    public let journal: AuditLog?

    /// Where the reversals of the changing steps that ran are kept for `kagent undo`; nil keeps nothing.
    public let undoJournal: UndoJournal?

    public init(runner: any CommandRunner, journal: AuditLog? = nil, undoJournal: UndoJournal? = nil) {
        self.runner = runner
        self.journal = journal
        self.undoJournal = undoJournal
    }

    /// Something to show while a plan runs.
    public enum Event: Sendable {
        case started(index: Int, step: PlanStep)
        case output(index: Int, text: String)
        case finished(index: Int, outcome: ExecutionReport.StepOutcome)
    }

    /// Asks the API server whether each changing step would be accepted, changing nothing.
    public func validate(_ plan: ExecutionPlan) async -> ValidationReport {
        var report = ValidationReport(checked: 0, rejection: nil)
        for step in plan.steps {
            guard step.mutating, let argv = step.validationArgv else { continue }
            report.checked += 1
            do {
                let result = try await command(argv, of: step, onOutput: nil)
                if let error = result.error {
                    report.rejection = (step, error)
                    return report
                }
            } catch {
                report.rejection = (step, error)
                return report
            }
        }
        return report
    }

    /// Runs every step in order. A step that fails (exit status, time-out, Ctrl-C, or a verification whose
    /// output is not the expected one) stops the plan; the steps after it are reported as skipped.
    public func run(_ plan: ExecutionPlan, onEvent: (@Sendable (Event) -> Void)? = nil) async -> ExecutionReport {
        var outcomes: [ExecutionReport.StepOutcome] = []
        var stopped = false
        for (index, step) in plan.steps.enumerated() {
            if stopped || Interruption.isRequested || Task.isCancelled {
                outcomes.append(.init(step: step, status: .skipped, result: nil, error: nil))
                continue
            }
            onEvent?(.started(index: index, step: step))
            let outcome = await run(step) { text in onEvent?(.output(index: index, text: text)) }
            onEvent?(.finished(index: index, outcome: outcome))
            journal?.record(outcome, step: index + 1, of: plan)
            outcomes.append(outcome)
            stopped = outcome.status != .succeeded
        }
        let report = ExecutionReport(plan: plan, outcomes: outcomes)
        undoJournal?.record(
            report, id: journal?.planID ?? String(UUID().uuidString.prefix(8)).lowercased(), context: journal?.context)
        return report
    }

    /// Runs one command of a step (its argv or its validationArgv) with the step's standard input and, when it has
    /// private values, their file: written just before the command starts, its path put in place of the
    /// placeholder only in the argv handed to the process, removed when the command ends however it ends.
    /// The result shows the placeholder, not the path of a file that is gone.
    func command(_ argv: [String], of step: PlanStep, onOutput: (@Sendable (String) -> Void)?)
        async throws(ExecutorError) -> CommandResult
    {
        guard let values = step.privateValues, argv.contains(values.argument) else {
            return try await runner.run(
                argv, input: step.input?.data, timeoutSeconds: step.timeoutSeconds, onOutput: onOutput)
        }
        let file = try PrivateValuesFile.create(values, command: ShellQuoting.command(argv))
        defer { file.remove() }
        var result = try await runner.run(
            values.substituting(path: file.path, in: argv), input: step.input?.data,
            timeoutSeconds: step.timeoutSeconds, onOutput: onOutput)
        result.argv = argv
        return result
    }

    func run(_ step: PlanStep, onOutput: @escaping @Sendable (String) -> Void) async -> ExecutionReport.StepOutcome {
        if step.attached {
            do {
                let started = Date()
                let code = try await runner.runAttached(step.argv)
                let result = CommandResult(
                    argv: step.argv, exitCode: code, stdout: "", stderr: "",
                    seconds: Date().timeIntervalSince(started))
                // Ending an attached command with Ctrl-C (port-forward, logs -f) is how people stop it.
                let stoppedByUser = code == 130 || Interruption.isRequested
                if code == 0 || stoppedByUser {
                    Interruption.reset()
                    return .init(step: step, status: .succeeded, result: result, error: nil)
                }
                return .init(step: step, status: .failed, result: result, error: result.error)
            } catch {
                return .init(step: step, status: .failed, result: nil, error: error)
            }
        }
        let result: CommandResult
        do {
            result = try await command(step.argv, of: step, onOutput: onOutput)
        } catch {
            return .init(step: step, status: .failed, result: nil, error: error)
        }
        if let error = result.error {
            return .init(step: step, status: .failed, result: result, error: error)
        }
        if case .outputEquals(let expected) = step.expectation {
            let actual = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if actual != expected {
                return .init(
                    step: step, status: .failed, result: result,
                    error: .verificationFailed(command: result.command, expected: expected, actual: actual))
            }
        }
        if let file = step.outputFile {
            // A new file only: a generated manifest never replaces one the user has.
            guard !FileManager.default.fileExists(atPath: file),
                FileManager.default.createFile(atPath: file, contents: nil),
                let handle = FileHandle(forWritingAtPath: file)
            else {
                return .init(
                    step: step, status: .failed, result: result,
                    error: .verificationFailed(
                        command: result.command, expected: "a new file \(file)", actual: "it cannot be created"))
            }
            handle.write(Data(result.stdout.utf8))
            try? handle.close()
        }
        return .init(step: step, status: .succeeded, result: result, error: nil)
    }
}
