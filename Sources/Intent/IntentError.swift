import Foundation

/// Everything that can go wrong in the Intent module: a broken rule file, or a request kagent refuses to read.
public enum IntentError: Error, Sendable, Equatable, LocalizedError {
    case rulesDirectoryMissing(String)
    case unreadableRuleFile(String, reason: String)
    case invalidRule(file: String, id: String, reason: String)
    case invalidPattern(String, reason: String)
    case duplicateRuleID(String, files: [String])
    /// A rule names an action no planner plans.
    case unknownAction(String, file: String, id: String, known: [String])

    case emptyRequest
    case requestTooLong(characters: Int, limit: Int)
    case controlCharacters
    case shellSyntax(String)
    case invalidName(String, slot: String, reason: String)
    case nothingToReferTo(String)
    /// Something new would be named by a pronoun ("make that the namespace"): its name must be said.
    case newThingNeedsName(String)
    /// A language model's answer that kagent refuses (not JSON, unknown action, bad slot, commands).
    case modelAnswerRejected(String)

    public var errorDescription: String? {
        switch self {
        case .rulesDirectoryMissing(let path):
            return "the rules directory '\(path)' does not exist; set KAGENT_RULES_DIR to the rules/ folder of kagent"
        case .unreadableRuleFile(let file, let reason):
            return "cannot read rule file '\(file)': \(reason)"
        case .invalidRule(let file, let id, let reason):
            return "rule '\(id)' in '\(file)': \(reason)"
        case .invalidPattern(let pattern, let reason):
            return "pattern '\(pattern)': \(reason)"
        case .duplicateRuleID(let id, let files):
            return "rule id '\(id)' is used more than once (\(files.joined(separator: ", ")))"
        case .unknownAction(let action, let file, let id, let known):
            let close = known.filter { EditDistance.isWithinOne($0, action) }
            return "rule '\(id)' in '\(file)': unknown action '\(action)'"
                + (close.isEmpty
                    ? "; kagent plans: \(known.joined(separator: ", "))"
                    : "; did you mean '\(close.joined(separator: "' or '"))'?")
        case .emptyRequest:
            return "the request is empty; say what to do, for example: kagent \"scale backend to 3\""
        case .requestTooLong(let characters, let limit):
            return "the request is \(characters) characters long; kagent reads requests of up to \(limit) characters"
        case .controlCharacters:
            return "the request contains control characters; type it as plain text"
        case .shellSyntax(let syntax):
            return "the request contains '\(syntax)', which is shell syntax; kagent never runs a shell, "
                + "so ask for one operation in words (quote text that must contain '\(syntax)')"
        case .invalidName(let name, let slot, let reason):
            return "'\(name)' is not a valid \(slot): \(reason)"
        case .nothingToReferTo(let word):
            return "'\(word)' refers to the last thing named in this shell, and nothing was named yet; say the name"
        case .newThingNeedsName(let word):
            return "'\(word)' cannot name something new: say the name it should have"
        case .modelAnswerRejected(let reason):
            return "the model's answer was refused, so nothing was planned: \(reason)"
        }
    }

    /// Whether the error is about the request (the user's input) rather than kagent's own files.
    public var isBadRequest: Bool {
        switch self {
        case .emptyRequest, .requestTooLong, .controlCharacters, .shellSyntax, .invalidName, .nothingToReferTo,
            .newThingNeedsName:
            return true
        default: return false
        }
    }
}
