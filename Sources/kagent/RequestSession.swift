import Executors
import Foundation
import Intent
import Planner
import Session
import Synchronization

/// The terminal's and `--output json`'s front end to the ``RequestPipeline``: it asks at the terminal
/// (``TerminalConfirmer``), shows the plan and the steps as they go (``TerminalObserver``), and renders the
/// outcome as text or as the JSON contract. The one-shot command and every line of the shell come through
/// ``handle(_:)``.
struct RequestSession: Sendable {
    var pipeline: RequestPipeline
    let terminal: Terminal
    let json: Bool

    init(catalog: RuleCatalog, settings: SessionSettings, terminal: Terminal, json: Bool) {
        pipeline = RequestPipeline(catalog: catalog, settings: settings)
        self.terminal = terminal
        self.json = json
    }

    var catalog: RuleCatalog { pipeline.catalog }
    var directories: UserDirectories { pipeline.directories }
    var kubeconfigFile: KubeconfigFile { pipeline.kubeconfigFile }
    var settings: SessionSettings {
        get { pipeline.settings }
        set { pipeline.settings = newValue }
    }

    mutating func handle(_ request: String) async -> ExitStatus {
        let renderer = PlanRenderer(terminal: terminal)
        let canAsk = terminal.inputIsTerminal && !json
        let confirmer: any Confirmer =
            canAsk && !settings.assumeYes
            ? TerminalConfirmer(terminal: terminal, renderer: renderer, guidesFixes: settings.isShell)
            : NoOneToAsk(changesApproved: settings.assumeYes)
        let observer: any SessionObserver =
            json ? SilentObserver() : TerminalObserver(terminal: terminal, renderer: renderer)
        let outcome = await pipeline.handle(request, confirmer: confirmer, observer: observer)
        let status = ExitStatus(outcome.status)
        if json {
            terminal.write(JSONReport(outcome).encoded() + "\n")
        } else {
            // Error messages may echo a word of the request: its secret values are hidden once more.
            let text = SecretPolicy.hide(in: renderer.ending(outcome))
            if !text.isEmpty {
                if status == .success { terminal.write(text) } else { terminal.writeError(text) }
            }
        }
        return status
    }
}

extension ExitStatus {
    init(_ status: RequestOutcome.Status) {
        switch status {
        case .done, .planned: self = .success
        case .failed: self = .failure
        case .invalidRequest: self = .invalidRequest
        case .notUnderstood: self = .notUnderstood
        case .notConfirmed: self = .notConfirmed
        }
    }
}

/// Asks at the terminal: "Run the changing step? [y/N]", names typed for protected namespaces and for changes
/// that cannot be undone, and, in the shell, each troubleshooting fix.
struct TerminalConfirmer: Confirmer {
    let terminal: Terminal
    let renderer: PlanRenderer
    let guidesFixes: Bool

    func answer(_ question: ConfirmationQuestion) async -> ConfirmationAnswer {
        switch question {
        case .runChanges(_, let count):
            let answer = terminal.ask(renderer.confirmation(count))?.trimmingCharacters(in: .whitespaces).lowercased()
            return ["y", "yes"].contains(answer ?? "") ? .yes : .no
        case .typeName(let name):
            return typed(name, after: renderer.typeNameQuestion(name))
        case .protectedNamespace(let name):
            let question =
                terminal.bold("This changes the protected namespace \(name). Type '\(name)' to confirm:") + " "
            return typed(name, after: question)
        case .fix(let finding, let index, let total):
            terminal.write(
                "\n" + terminal.bold("Fix \(index + 1) of \(total)") + ": \(finding.problem) on \(finding.resource)\n")
            for step in finding.fix {
                terminal.write(
                    "  " + step.summary + "\n     " + terminal.cyan("$ " + ShellQuoting.command(step.argv)) + "\n")
            }
            switch terminal.ask(terminal.bold("apply this fix?") + " (y/N/skip) ")?
                .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            {
            case "y", "yes": return .yes
            case "s", "skip": return .skip
            default: return .no
            }
        }
    }

    private func typed(_ name: String, after question: String) -> ConfirmationAnswer {
        terminal.ask(question)?.trimmingCharacters(in: .whitespaces) == name ? .yes : .no
    }
}

/// Shows the plan as soon as it is made, the server's validation, and each step as it runs.
struct TerminalObserver: SessionObserver {
    let terminal: Terminal
    let renderer: PlanRenderer
    let progress = ProgressState()

    func planned(_ plan: ExecutionPlan, message: String?) {
        terminal.write(renderer.plan(plan))
        if let message { terminal.write(renderer.outcome(message)) }
    }

    func validated(checkedSteps: Int) {
        terminal.write(renderer.validated(checkedSteps))
    }

    func dryRunEnded(_ plan: ExecutionPlan) {
        terminal.write(renderer.dryRunNote(plan))
    }

    func progress(_ event: PlanRunner.Event, total: Int) {
        if case .started(0, _) = event { progress.reset() }
        progress.handler(total: total, renderer: renderer)(event)
    }

    func fixFailed(_ execution: ExecutionReport) {
        terminal.write(renderer.failureSummary(execution, colored: true))
    }

    func rechecked(_ line: String, problemRemains: Bool) {
        terminal.write(problemRemains ? renderer.error(line) : renderer.outcome(line))
    }

    /// The progress handler of the plan that runs: a new one when a plan's first step starts (it keeps the
    /// unfinished line of the running step).
    final class ProgressState: Sendable {
        private let current = Mutex<(@Sendable (PlanRunner.Event) -> Void)?>(nil)

        func handler(total: Int, renderer: PlanRenderer) -> @Sendable (PlanRunner.Event) -> Void {
            current.withLock { current in
                if let handler = current { return handler }
                let handler = renderer.progressHandler(total: total)
                current = handler
                return handler
            }
        }

        func reset() { current.withLock { $0 = nil } }
    }
}
