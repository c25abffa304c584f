import Intent
import Planner

/// Shell quoting for display: a plan's argv printed so it can be pasted into a shell and run as is.
///
/// Display only: a secret value is shown as `(hidden)` (``SecretPolicy``), and a private values file's
/// placeholder as it is, unquoted.
public enum ShellQuoting {
    static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@%+")

    public static func quote(_ word: String) -> String {
        if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    public static func command(_ argv: [String]) -> String {
        SecretPolicy.hide(arguments: argv).map { PrivateValues.isPlaceholder($0) ? $0 : quote($0) }
            .joined(separator: " ")
    }

    /// A step as it can be pasted: its command and, for a manifest on standard input, a here-document holding it.
    public static func command(_ step: PlanStep) -> String {
        command(step.argv, manifest: step.input.flatMap { $0.isManifest ? $0.data : nil })
    }

    /// A command, with the manifest it reads on standard input as a here-document when it reads one.
    public static func command(_ argv: [String], manifest: String?) -> String {
        guard let manifest else { return command(argv) }
        return command(argv) + " <<'EOF'\n" + SecretPolicy.hide(in: manifest) + "EOF"
    }
}
