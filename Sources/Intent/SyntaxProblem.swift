/// Why a literal command line was not taken as its tool's own syntax (``CommandSyntax``): the request is
/// then read as English by the other rules, or not understood, but never passed through word for word.
public enum SyntaxProblem: Sendable, Equatable, CustomStringConvertible {
    /// No words after the tool's name.
    case noCommand
    /// The first word is not one of the tool's commands ("kubectl deploi").
    case unknownCommand(String)
    /// The command needs a subcommand and this word is not one of them ("rollout stauts", "set img").
    case unknownSubcommand(String, of: String)
    /// The command needs a subcommand and none was given ("kubectl rollout").
    case missingSubcommand(of: String)
    /// A long option the command does not take ("--force-all" after a changing command).
    case unknownOption(String, of: String)
    /// An option that takes a value comes last, with no value after it ("logs web --tail").
    case missingValue(String)
    /// A command that needs one of these options has none of them ("scale deploy web" without --replicas).
    case missingOption(String, of: String)
    /// A word of English where the command takes names ("drain node-1 ignoring daemonsets").
    case englishWord(String)
    /// A word the command has no place for: one argument too many, or one of the wrong shape
    /// ("expose deploy metrics-exp port 9100").
    case unexpectedArgument(String, of: String)
    /// The command needs more arguments than it was given ("expose deploy").
    case missingArgument(of: String)

    public var description: String {
        switch self {
        case .noCommand: "no command after the tool's name"
        case .unknownCommand(let word): "'\(word)' is not a command of this tool"
        case .unknownSubcommand(let word, let command): "'\(word)' is not a subcommand of '\(command)'"
        case .missingSubcommand(let command): "'\(command)' needs a subcommand"
        case .unknownOption(let option, let command): "'\(command)' takes no option '\(option)'"
        case .missingValue(let option): "the option '\(option)' needs a value"
        case .missingOption(let option, let command): "'\(command)' needs the option '\(option)'"
        case .englishWord(let word): "'\(word)' is an English word, not a name"
        case .unexpectedArgument(let word, let command): "'\(command)' has no place for '\(word)'"
        case .missingArgument(let command): "'\(command)' needs more arguments"
        }
    }
}
