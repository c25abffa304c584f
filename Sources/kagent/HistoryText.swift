import Executors
import Foundation

/// `kagent history`: the last steps kagent ran, from the audit log.
enum HistoryText {
    static let count = 30

    static func render(file: String, terminal: Terminal) -> String {
        let entries = AuditLog.entries(in: URL(fileURLWithPath: file), last: count)
        guard !entries.isEmpty else { return "No steps have run yet (the audit log is \(file)).\n" }
        var lines: [String] = []
        var lastPlan = ""
        for entry in entries {
            if entry.plan != lastPlan {
                lines.append(
                    terminal.bold(entry.time) + "  plan \(entry.plan)  \"\(entry.request)\""
                        + (entry.context.map { "  (\($0))" } ?? ""))
                lastPlan = entry.plan
            }
            let mark = entry.status == "succeeded" ? terminal.green("✓") : terminal.red("✗")
            let exit = entry.exitStatus.map { "exit \($0)" } ?? "did not start"
            let seconds = entry.seconds.map { String(format: ", %.1fs", $0) } ?? ""
            lines.append(
                "  \(mark) \(entry.step). " + ShellQuoting.command(entry.argv) + terminal.dim("  (\(exit)\(seconds))"))
        }
        return lines.joined(separator: "\n") + "\n"
            + terminal.dim(
                "(the last \(entries.count) steps of \(file); kagent undo puts the last change back, "
                    + "kagent undo plan ID an earlier one)") + "\n"
    }
}
