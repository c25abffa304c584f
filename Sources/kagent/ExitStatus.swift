import ArgumentParser

/// kagent's exit statuses, part of the contract scripts rely on (see the README).
enum ExitStatus: Int32 {
    /// The plan was made (dry run) or ran and was verified.
    case success = 0
    /// Something failed: planning (unknown or ambiguous name, cluster unreachable), validation, a step, a check.
    case failure = 1
    /// The request was refused as input: empty, too long, shell syntax, an invalid name.
    case invalidRequest = 2
    /// No rule understood the request; nothing was planned.
    case notUnderstood = 3
    /// A plan with changing steps was not confirmed (declined, or no terminal to ask on and no --yes).
    case notConfirmed = 4

    var code: ExitCode { ExitCode(rawValue) }
}
