import Executors
import Foundation

/// Why the pipeline stopped before running a plan: each message says what did not run and what would let it.
public enum SessionError: Error, Sendable, Equatable, LocalizedError {
    /// Read-only mode, and the plan changes something (the first changing step's summary; how the mode was set).
    case readOnly(step: String, setBy: String)
    /// A protected namespace would change and nobody can type its name.
    case protectedNamespaceUnconfirmed([String])
    /// A protected namespace would change for a model's client: never done over MCP.
    case protectedNamespaceOverMCP([String])
    /// The protected namespace's name was not typed.
    case protectedNamespaceNotTyped(String)
    /// A step needs the terminal, and this front end has none.
    case attachedCommand(frontEnd: String)
    /// The plan changes the cluster, and nobody can confirm it.
    case needsConfirmation
    /// The person said no.
    case declined
    /// A change that cannot be undone, and its name was not typed.
    case nameNotTyped(String)
    /// The API server's dry run refused a changing step.
    case rejectedByServer(String)

    public var errorDescription: String? {
        switch self {
        case .readOnly(let step, let setBy):
            "not run: kagent is in read-only mode (\(setBy)) and this plan changes the cluster (\(step)); "
                + "looking and troubleshooting still work"
        case .protectedNamespaceUnconfirmed(let names):
            "not run: the plan changes the protected namespace \(names.joined(separator: ", ")); "
                + "type its name at a terminal, or add --force"
        case .protectedNamespaceOverMCP(let names):
            "not run: the plan changes the protected namespace \(names.joined(separator: ", ")), which kagent never "
                + "changes for an MCP client; run it with kagent at a terminal"
        case .protectedNamespaceNotTyped(let name):
            "not run: the protected namespace was not typed as '\(name)'"
        case .attachedCommand(let frontEnd):
            "not run: this plan runs a command attached to the terminal, which \(frontEnd) cannot show"
        case .needsConfirmation:
            "not run: the plan changes the cluster and needs confirmation; run again with --yes to apply it"
        case .declined:
            "not run: not confirmed"
        case .nameNotTyped(let name):
            "not run: the name was not typed as '\(name)'"
        case .rejectedByServer(let reason):
            "the API server rejected the plan, so nothing ran: \(reason)"
        }
    }
}
