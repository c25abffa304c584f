import Executors
import Foundation
import Intent
import Planner
import Session
import Synchronization

/// Text for people: the plan with its exact commands, progress while it runs, and the outcome.
struct PlanRenderer: Sendable {
    let terminal: Terminal

    func plan(_ plan: ExecutionPlan) -> String {
        var lines = [terminal.bold("Plan") + " for \"\(plan.request)\":"]
        for note in plan.notes { lines.append("  " + terminal.dim(note)) }
        lines += findings(plan.findings)
        for (index, step) in plan.steps.enumerated() {
            let marker = step.mutating ? "  " + terminal.yellow("[changes]") : ""
            lines.append("  \(index + 1). \(step.summary)\(marker)")
            lines.append("     " + terminal.cyan("$ " + ShellQuoting.command(step.argv)))
            if let input = step.input, input.isManifest {
                lines.append("     " + terminal.dim("  with standard input, exactly:"))
                lines += input.data.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
                    "       " + $0
                }
            } else if let input = step.input {
                lines.append("     " + terminal.dim("  with standard input: \(input.shownAs)"))
            }
            if let file = step.outputFile {
                lines.append("     " + terminal.dim("  its output is written to \(file) (a new file)"))
            }
            if step.attached { lines.append("     " + terminal.dim("  runs in this terminal; Ctrl-C ends it")) }
            if case .typeName(let name) = step.confirmation, step.mutating {
                lines.append("     " + terminal.dim("  you will be asked to type '\(name)' to confirm"))
            }
        }
        if plan.undoes == nil { lines += undo(plan.reversals) }
        // Notes and summaries may quote the request: its secret values are hidden once more.
        return SecretPolicy.hide(in: lines.joined(separator: "\n") + "\n")
    }

    /// What `kagent undo` would do afterwards, and what cannot be undone — said before anything runs.
    func undo(_ reversals: [Reversal]) -> [String] {
        reversals.map { reversal in
            reversal.isPossible
                ? "  " + terminal.dim("undo afterwards: `kagent undo` would \(reversal.summary)")
                : "  " + terminal.yellow("cannot be undone:") + " " + reversal.summary
        }
    }

    /// Troubleshooting's findings, most severe first: the problem, where, why, the evidence, and the fix
    /// (its steps are the plan's) or the commands to check next.
    func findings(_ findings: [Finding]) -> [String] {
        var lines: [String] = []
        for (index, finding) in findings.enumerated() {
            let mark = finding.severity == .critical ? terminal.red("✗") : terminal.yellow("!")
            lines.append(
                "  \(mark) \(index + 1). " + terminal.bold(finding.problem)
                    + " \(finding.resource) in \(finding.namespace) (\(finding.severity.rawValue))")
            lines.append("     " + finding.explanation)
            for line in finding.evidence { lines.append("     " + terminal.dim("· " + line)) }
            for step in finding.fix where step.mutating { lines.append("     fix: " + step.summary + " (step below)") }
            for step in finding.checks {
                lines.append("     check: " + terminal.cyan("$ " + ShellQuoting.command(step.argv)))
            }
        }
        return lines
    }

    func validated(_ count: Int) -> String {
        terminal.green("✓") + " the API server accepts the change"
            + (count == 1 ? "" : "s") + " (checked with --dry-run=server; nothing changed)\n"
    }

    func dryRunNote(_ plan: ExecutionPlan) -> String {
        terminal.dim("Dry run: nothing ran. Run it with: " + runAgain(plan)) + "\n"
    }

    /// The command that runs the plan: the request as shown, and when a value of it is hidden, that it must be
    /// typed again (pasted as shown, `(hidden)` would become the value).
    func runAgain(_ plan: ExecutionPlan) -> String {
        let request = SecretPolicy.hide(in: plan.request)
        return "kagent --yes \"\(request)\""
            + (request.contains(SlotValue.hidden) ? " with each \(SlotValue.hidden) typed again" : "")
    }

    func typeNameQuestion(_ name: String) -> String {
        terminal.bold("This cannot be undone. Type '\(name)' to confirm:") + " "
    }

    func confirmation(_ count: Int) -> String {
        terminal.bold("Run \(count == 1 ? "the changing step" : "these \(count) changing steps")?") + " [y/N] "
    }

    func notConfirmed(_ plan: ExecutionPlan, noTerminal: Bool) -> String {
        if noTerminal {
            return "Not run: the plan changes the cluster and there is no terminal to confirm on.\n"
                + "Run it with: \(runAgain(plan))   (or --dry-run to only plan)\n"
        }
        return "Not run.\n"
    }

    func outcome(_ outcome: String) -> String {
        outcome.split(separator: "\n").map { terminal.green("✓ ") + $0 }.joined(separator: "\n") + "\n"
    }

    /// After a change succeeded: that `kagent undo` puts it back (when it can).
    func undoHint(_ plan: ExecutionPlan) -> String {
        guard plan.undoes == nil, plan.reversals.contains(where: \.isPossible) else { return "" }
        return terminal.dim("  (kagent undo puts it back)") + "\n"
    }

    /// What is said when a request ends, after the plan and the steps were shown on the way.
    func ending(_ outcome: RequestOutcome) -> String {
        switch outcome.ending {
        case .notUnderstood(let reason):
            return notUnderstood(reason: reason, suggestions: outcome.suggestions)
        case .error:
            return error(outcome.message ?? "") + suggestions(outcome.suggestions)
        case .declined(let noTerminal):
            return outcome.plan.map { notConfirmed($0, noTerminal: noTerminal) } ?? error(outcome.message ?? "")
        case .verified:
            return self.outcome(outcome.message ?? outcome.plan?.outcome ?? "")
                + (outcome.plan.map(undoHint) ?? "")
        case .stepFailed:
            return outcome.execution.map { failureSummary($0, colored: true) } ?? error(outcome.message ?? "")
        case .quiet:
            return ""
        }
    }

    func error(_ message: String) -> String {
        terminal.red("✗ ") + message + "\n"
    }

    func notUnderstood(reason: String, suggestions: [String]) -> String {
        terminal.red("?") + " kagent did not understand that (\(reason)); nothing was planned.\n"
            + self.suggestions(suggestions)
            + terminal.dim("  `kagent help` lists everything kagent understands.") + "\n"
    }

    func suggestions(_ suggestions: [String]) -> String {
        guard !suggestions.isEmpty else { return "" }
        return "  Try:\n" + suggestions.map { "    kagent \"\($0)\"" }.joined(separator: "\n") + "\n"
    }

    /// Prints each step as it starts and ends, and streams its output indented beneath it, a whole line at a time:
    /// a command's output arrives in pieces (kubectl's table writer sends cell by cell), and a piece is not a line.
    func progressHandler(total: Int) -> @Sendable (PlanRunner.Event) -> Void {
        let terminal = self.terminal
        let pending = PendingLine()
        let write: @Sendable ([Substring]) -> Void = { lines in
            let indented = lines.filter { !$0.isEmpty }.map { "      " + terminal.dim(SecretPolicy.hide(in: String($0))) }
            if !indented.isEmpty { terminal.write(indented.joined(separator: "\n") + "\n") }
        }
        return { event in
            switch event {
            case .started(let index, let step):
                terminal.write(terminal.bold("[\(index + 1)/\(total)]") + " \(step.summary)\n")
            case .output(_, let text):
                write(pending.completeLines(adding: text))
            case .finished(_, let outcome):
                write([pending.rest()[...]])
                let seconds = outcome.result.map { String(format: " (%.1fs)", $0.seconds) } ?? ""
                terminal.write(
                    (outcome.status == .succeeded ? terminal.green("      ✓ done") : terminal.red("      ✗ failed"))
                        + seconds + "\n")
                // The question the read answers, in a sentence from what it printed.
                if outcome.status == .succeeded, let sentence = outcome.answer {
                    terminal.write("      → " + SecretPolicy.hide(in: sentence) + "\n")
                }
            }
        }
    }

    /// A running step's output after its last newline, kept until the line is complete or the step ends.
    final class PendingLine: Sendable {
        private let text = Mutex("")

        /// The lines that `piece` completes; what follows the last newline waits for the next piece.
        func completeLines(adding piece: String) -> [Substring] {
            text.withLock { text in
                text += piece
                guard let end = text.lastIndex(of: "\n") else { return [] }
                let lines = text[..<end].split(separator: "\n", omittingEmptySubsequences: false)
                text = String(text[text.index(after: end)...])
                return lines
            }
        }

        /// The unfinished last line (the step ended without a newline), and nothing kept after.
        func rest() -> String {
            text.withLock { text in
                defer { text = "" }
                return text
            }
        }
    }

    /// Which steps ran, which failed and why (with the command), and which did not run.
    func failureSummary(_ report: ExecutionReport, colored: Bool) -> String {
        let t = colored ? terminal : Terminal(inputIsTerminal: false, outputIsTerminal: false, colors: false)
        var lines: [String] = []
        for (index, outcome) in report.outcomes.enumerated() {
            let number = "\(index + 1). \(outcome.step.summary)"
            switch outcome.status {
            case .succeeded: lines.append(t.green("  ran      ") + number)
            case .failed:
                lines.append(t.red("  failed   ") + number)
                if let error = outcome.error?.localizedDescription {
                    lines += error.split(separator: "\n").map { "           " + $0 }
                }
            case .skipped: lines.append(t.dim("  not run  ") + number)
            }
        }
        var header = "The plan stopped"
        if let index = report.outcomes.firstIndex(where: { $0.status == .failed }) {
            header += " at step \(index + 1) of \(report.outcomes.count)"
        }
        let changed = report.completedChanges
        var footer =
            changed.isEmpty
            ? (report.outcomes.contains { $0.status == .failed && $0.step.mutating }
                ? "No changing step completed; check the failed one above." : "Nothing was changed.")
            : "Already changed: " + changed.map(\.summary).joined(separator: "; ") + "."
        // A changing command stopped while it ran may have reached the cluster before it was stopped.
        if let index = report.outcomes.firstIndex(where: { $0.status == .failed && $0.step.mutating }),
            let error = report.outcomes[index].error, error.isStop
        {
            footer += "\nStep \(index + 1) was stopped while it ran: its change may or may not have been made."
            if let check = report.outcomes[(index + 1)...].first(where: { !$0.step.mutating && !$0.step.attached }) {
                footer += " Check with: " + ShellQuoting.command(check.step.argv)
            }
        }
        var undo = ""
        if report.plan.undoes == nil {
            let reversals = report.completedReversals
            let possible = reversals.filter(\.isPossible).map(\.summary)
            let impossible = reversals.filter { !$0.isPossible }.map(\.summary)
            if !possible.isEmpty {
                undo += "To undo what ran: kagent undo (it would \(possible.joined(separator: "; then ")))\n"
            }
            if !impossible.isEmpty { undo += "Cannot be undone: " + impossible.joined(separator: "; ") + "\n" }
        }
        return t.red("✗ ") + header + ":\n" + lines.joined(separator: "\n") + "\n" + footer + "\n" + undo
    }
}
