/// The command-line syntax of kubectl, helm or docker, as far as kagent checks it before passing a literal
/// command through: a known command (and subcommand), options the command takes, and positional arguments
/// of the right number and shape (names, TYPE/NAME, KEY=VALUE…), none of them an English word.
///
/// "kubectl rollout stauts deploy/mailer", "kubectl expose deploy metrics-exp port 9100 nodeport" and
/// "drain node-1 ignoring daemonsets" are English (or typos), not commands: they must not run word for word.
/// The tables (``kubectl``, ``helm``, ``docker``) cover the commands people type; a command outside them is
/// read as English, which is the safe side.
public struct CommandSyntax: Sendable {
    /// The tool's name, as in the command line.
    public let tool: String
    let commands: [String: CommandForm]
    /// Long options every command takes (`--namespace`, `--context`).
    let globalOptions: Set<String>
    /// Long options that take their value as the next word (`--tail 20`), unless given as `--tail=20`.
    let valueOptions: Set<String>
    /// Short options that take a value (`-n NS`, `-o yaml`, `-oyaml`), unless a command says otherwise.
    let shortValues: Set<Character>
    /// Options that choose objects instead of naming them (`-f FILE`, `-l app=web`, `--all`).
    let selectors: Set<String>

    /// Why the words are not a command line of this tool (without the tool's name), or nil when they are.
    public func problem(with tokens: ArraySlice<RequestToken>, lexicon: Lexicon) -> SyntaxProblem? {
        var reader = LineReader(syntax: self, lexicon: lexicon)
        return reader.read(tokens)
    }

    /// Whether the words are a command line of this tool (without the tool's name).
    public func accepts(_ tokens: ArraySlice<RequestToken>, lexicon: Lexicon) -> Bool {
        problem(with: tokens, lexicon: lexicon) == nil
    }

    /// The syntax of the named tool: `kubectl`, `helm` or `docker`.
    public static func named(_ tool: String) -> CommandSyntax? {
        switch tool {
        case "kubectl": kubectl
        case "helm": helm
        case "docker": docker
        default: nil
        }
    }

    /// Words of English that are never a name in a command line ("drain node-1 ignoring daemonsets",
    /// "set image of web-app to -image"): function words and the verbs, adverbs and quantifiers that
    /// requests are made of. A word here is refused wherever a name is expected.
    static let englishWords: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "it", "its", "them", "they", "their", "me", "my", "our",
        "your", "i", "we", "you", "some", "any", "all", "every", "everything", "each", "both", "none", "nothing",
        "and", "or", "but", "then", "also", "too", "so", "if", "when", "while", "as", "is", "are", "be", "was",
        "for", "with", "without", "to", "of", "on", "in", "into", "onto", "from", "by", "at", "between", "since",
        "until", "about", "after", "before", "via", "using", "except", "including", "ignoring", "excluding",
        "please", "now", "quickly", "just", "again", "only", "really", "still", "already", "first", "last",
        "new", "old", "same", "other", "more", "less", "up", "down", "back", "out", "off", "over", "there", "here",
        "what", "which", "who", "why", "how", "where", "can", "could", "would", "should", "will", "must", "not",
        "don't", "do", "does", "show", "list", "make", "give", "tell", "let", "want", "need", "try",
    ]
}

// MARK: - A command's own grammar

/// What one command (or subcommand) of a tool takes.
struct CommandForm: Sendable {
    /// The arrangements of positional arguments the command takes: each a sequence of shapes.
    var forms: [[Positional]]
    /// More arrangements, allowed when an option chooses the objects (`delete pods -l app=web`, `apply -f x`).
    var selectedForms: [[Positional]] = []
    /// The long options it takes beyond the tool's global ones; nil when any option will do (commands that
    /// only read: a wrong option there fails harmlessly).
    var options: Set<String>? = nil
    /// Its own short options that take a value, when they differ from the tool's (`logs -f` follows).
    var shortValues: Set<Character>? = nil
    /// It needs one of these options (`scale` needs `--replicas`); empty when it needs none.
    var required: Set<String> = []
    /// Words after `--` are a command for a container, not checked (`exec web -- sh`).
    var commandAfterDashes = false
    /// After this many positional arguments the rest is a command, not checked (`docker run IMAGE CMD…`).
    var commandAfter: Int? = nil
    /// Its subcommands (`rollout status`, `create deployment`, `helm get values`).
    var subcommands: [String: CommandForm] = [:]

    init(
        _ forms: [[Positional]], selected: [[Positional]] = [], options: Set<String>? = nil,
        shortValues: Set<Character>? = nil, required: Set<String> = [], commandAfterDashes: Bool = false,
        commandAfter: Int? = nil
    ) {
        self.forms = forms
        self.selectedForms = selected
        self.options = options
        self.shortValues = shortValues
        self.required = required
        self.commandAfterDashes = commandAfterDashes
        self.commandAfter = commandAfter
    }

    /// A command made only of subcommands (`rollout`, `helm get`), plus what it takes without one.
    init(
        subcommands: [String: CommandForm], forms: [[Positional]] = [], selected: [[Positional]] = [],
        options: Set<String>? = nil, required: Set<String> = []
    ) {
        self.forms = forms
        self.selectedForms = selected
        self.options = options
        self.required = required
        self.subcommands = subcommands
    }

    /// A command that takes nothing but options (`helm list`, `docker ps`).
    static let bare = CommandForm([[]])
}

/// One place in a command's arguments: a shape, and how many words of it.
struct Positional: Sendable {
    var shape: ArgumentShape
    var minimum: Int
    var maximum: Int

    static func one(_ shape: ArgumentShape) -> Positional { Positional(shape: shape, minimum: 1, maximum: 1) }
    static func optional(_ shape: ArgumentShape) -> Positional { Positional(shape: shape, minimum: 0, maximum: 1) }
    static func many(_ shape: ArgumentShape) -> Positional { Positional(shape: shape, minimum: 0, maximum: .max) }
    static func some(_ shape: ArgumentShape) -> Positional { Positional(shape: shape, minimum: 1, maximum: .max) }
}

/// What a positional argument must look like. Every shape but ``kinds`` (which takes `all`) refuses an
/// unquoted English word.
enum ArgumentShape: Sendable {
    /// Kind words, comma-separated: `pods`, `deploy,svc`, `all`, `certificates.cert-manager.io`.
    case kinds
    /// A Kubernetes object name: `backend`, `ip-10-0-1-5.ec2.internal`.
    case name
    /// kubectl's TYPE/NAME: `deploy/backend`.
    case typeName
    /// `KEY=VALUE`.
    case pair
    /// `KEY=VALUE`, or `KEY-` to remove the key.
    case pairOrRemoval
    /// `CONTAINER=IMAGE` or `*=IMAGE` (`set image`).
    case containerImage
    /// A port or port pair: `8080`, `8080:80`, `:80`.
    case port
    /// A whole number (a helm revision).
    case number
    /// A node taint: `key=value:NoSchedule`, `key:NoExecute-`, `key-`.
    case taint
    /// Any value that is not an option nor an English word: context names, chart references, paths, URLs.
    case word
    /// A container image reference: `nginx`, `nginx:1.25`, `ghcr.io/org/app@sha256:…`.
    case image
    /// A docker container name or id: `redis`, `my_app-1`, `3f2a9c`.
    case container
}

// MARK: - Reading a command line

/// Reads one command line against a ``CommandSyntax``.
private struct LineReader {
    let syntax: CommandSyntax
    let lexicon: Lexicon

    var command: [String] = []
    var form = CommandForm.bare
    var positionals: [RequestToken] = []
    var longOptions: [String] = []
    var shortOptions: [Character] = []
    /// A word where a subcommand was expected and that is none of them.
    var strayWord: String?

    init(syntax: CommandSyntax, lexicon: Lexicon) {
        self.syntax = syntax
        self.lexicon = lexicon
    }

    mutating func read(_ tokens: ArraySlice<RequestToken>) -> SyntaxProblem? {
        var index = tokens.startIndex
        // The tool's own options may come first: `kubectl --context prod get pods`, `helm --kube-context x list`.
        while index < tokens.endIndex, !tokens[index].quoted, tokens[index].text.hasPrefix("--") {
            let option = tokens[index].text
            let name = String(option.prefix { $0 != "=" }).lowercased()
            guard syntax.globalOptions.contains(name) else { return .unknownOption(option, of: syntax.tool) }
            index += !option.contains("=") && syntax.valueOptions.contains(name) ? 2 : 1
        }
        guard index < tokens.endIndex else { return .noCommand }
        let first = tokens[index]
        guard !first.quoted, let verb = syntax.commands[first.norm] else { return .unknownCommand(first.text) }
        form = verb
        command = [first.norm]
        index += 1
        var awaitingSubcommand = !form.subcommands.isEmpty
        while index < tokens.endIndex {
            let token = tokens[index]
            if !token.quoted, token.text == "--" {
                guard form.commandAfterDashes else { return .unexpectedArgument("--", of: commandName) }
                break
            }
            if let limit = form.commandAfter, positionals.count >= limit { break }
            if !token.quoted, token.text.hasPrefix("-"), token.text.count > 1, Int(token.text) == nil {
                switch readOption(tokens, &index) {
                case .some(let problem): return problem
                case .none: continue
                }
            }
            if awaitingSubcommand {
                awaitingSubcommand = false
                if !token.quoted, let sub = form.subcommands[token.norm] {
                    form = sub
                    command.append(token.norm)
                    awaitingSubcommand = !sub.subcommands.isEmpty
                    index += 1
                    continue
                }
                strayWord = token.text
            }
            positionals.append(token)
            index += 1
        }
        return judge()
    }

    private var commandName: String { ([syntax.tool] + command).joined(separator: " ") }

    /// Reads the option at `index` (and its value, when it takes one), moving `index` past them.
    private mutating func readOption(_ tokens: ArraySlice<RequestToken>, _ index: inout Int) -> SyntaxProblem? {
        let text = tokens[index].text
        index += 1
        var needsValue = false
        var name = text
        if text.hasPrefix("--") {
            if let equals = text.firstIndex(of: "=") {
                name = String(text[..<equals])
            } else {
                needsValue = syntax.valueOptions.contains(name)
            }
            longOptions.append(name.lowercased())
        } else {
            // Short options, grouped (`-it`) or with their value attached (`-oyaml`, `-o=yaml`, `-lapp=web`).
            let valued = form.shortValues ?? syntax.shortValues
            for (offset, letter) in text.dropFirst().enumerated() {
                shortOptions.append(letter)
                if valued.contains(letter) {
                    needsValue = offset == text.count - 2
                    name = "-" + String(letter)
                    break
                }
            }
        }
        guard needsValue else { return nil }
        guard index < tokens.endIndex else { return .missingValue(name) }
        let value = tokens[index]
        if !value.quoted, CommandSyntax.englishWords.contains(value.norm) { return .englishWord(value.text) }
        index += 1
        return nil
    }

    private func judge() -> SyntaxProblem? {
        let given = Set(longOptions + shortOptions.map { "-" + String($0) })
        let selected = !given.isDisjoint(with: syntax.selectors)
        if let accepted = form.options,
            let unknown = longOptions.first(where: { !syntax.globalOptions.contains($0) && !accepted.contains($0) })
        {
            return .unknownOption(unknown, of: commandName)
        }
        let forms = form.forms + (selected ? form.selectedForms : [])
        if forms.isEmpty {
            // Only subcommands would do here ("rollout stauts", "set img", "helm get").
            if let strayWord { return .unknownSubcommand(strayWord, of: commandName) }
            return .missingSubcommand(of: commandName)
        }
        if !form.required.isEmpty, given.isDisjoint(with: form.required) {
            return .missingOption(form.required.sorted().first { $0.hasPrefix("--") } ?? "", of: commandName)
        }
        // `all` is a kind for reading ("get all") and with a selector ("delete all -l app=web"); a changing
        // command with `all` and names is English ("delete all pods").
        let allowsAll = form.options == nil || selected
        let arguments = positionals[...]
        var reached = 0
        for shapes in forms {
            let (complete, furthest) = match(shapes[...], arguments, allowsAll: allowsAll)
            if complete { return nil }
            reached = max(reached, furthest)
        }
        if let english = positionals.first(where: { !$0.quoted && CommandSyntax.englishWords.contains($0.norm) }) {
            return .englishWord(english.text)
        }
        if reached < positionals.count {
            if let strayWord, positionals.first?.text == strayWord, reached == 0 {
                return .unknownSubcommand(strayWord, of: commandName)
            }
            return .unexpectedArgument(positionals[reached].text, of: commandName)
        }
        return .missingArgument(of: commandName)
    }

    /// Whether the arguments fit the shapes exactly, and how many of them fit at best (for the reason).
    private func match(_ shapes: ArraySlice<Positional>, _ arguments: ArraySlice<RequestToken>, allowsAll: Bool)
        -> (Bool, Int)
    {
        guard let place = shapes.first else { return (arguments.isEmpty, arguments.startIndex) }
        var best = (false, arguments.startIndex)
        var taken = 0
        while true {
            if taken >= place.minimum {
                let rest = match(shapes.dropFirst(), arguments.dropFirst(taken), allowsAll: allowsAll)
                if rest.0 { return rest }
                best = (false, max(best.1, rest.1))
            }
            guard taken < place.maximum, taken < arguments.count,
                fits(arguments[arguments.startIndex + taken], place.shape, allowsAll: allowsAll)
            else { break }
            taken += 1
            best = (false, max(best.1, arguments.startIndex + taken))
        }
        return best
    }

    private func fits(_ token: RequestToken, _ shape: ArgumentShape, allowsAll: Bool) -> Bool {
        let text = token.text
        if !token.quoted {
            if text.hasPrefix("-") { return false }
            if CommandSyntax.englishWords.contains(token.norm) {
                return shape == .kinds && token.norm == "all" && allowsAll
            }
        }
        switch shape {
        case .kinds:
            return !token.quoted
                && token.norm.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { isKind(String($0)) }
        case .name: return KubernetesName.subdomainProblem(text) == nil
        case .typeName:
            guard let slash = text.firstIndex(of: "/") else { return false }
            return isKind(String(text[..<slash]).lowercased())
                && KubernetesName.subdomainProblem(String(text[text.index(after: slash)...])) == nil
        case .pair: return SlotParsing.pair(text) != nil
        case .pairOrRemoval: return SlotParsing.pair(text) != nil || isRemoval(text)
        case .containerImage:
            guard let equals = text.firstIndex(of: "=") else { return false }
            let container = String(text[..<equals])
            return (container == "*" || KubernetesName.labelProblem(container) == nil)
                && SlotParsing.image(String(text[text.index(after: equals)...])) != nil
        case .port:
            return SlotParsing.portPair(text.hasPrefix(":") ? String(text.dropFirst()) : text) != nil
        case .number: return Int(text).map { $0 >= 0 } ?? false
        case .taint: return isTaint(text)
        case .word: return !text.isEmpty
        case .image: return SlotParsing.image(text) != nil
        case .container:
            guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first)
            else { return false }
            return text.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0))
            }
        }
    }

    /// A kind word kubectl knows: one of the lexicon's (no typo), one of kubectl's other resources, `all`,
    /// or a group-qualified name (`certificates.cert-manager.io`).
    private func isKind(_ word: String) -> Bool {
        if word == "all" || lexicon.kind(named: word)?.typos == 0 || CommandSyntax.otherKinds.contains(word) {
            return true
        }
        return word.contains(".") && KubernetesName.subdomainProblem(word) == nil
    }

    private func isRemoval(_ text: String) -> Bool {
        text.hasSuffix("-") && SlotParsing.pair(String(text.dropLast()) + "=") != nil
    }

    private func isTaint(_ text: String) -> Bool {
        var body = Substring(text)
        let removal = body.hasSuffix("-")
        if removal { body = body.dropLast() }
        let effects: Set<Substring> = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
        if let colon = body.lastIndex(of: ":") {
            guard effects.contains(body[body.index(after: colon)...]) else { return false }
            body = body[..<colon]
        } else if !removal {
            return false
        }
        let key = String(body.split(separator: "=", maxSplits: 1).first ?? "")
        return !key.isEmpty && SlotParsing.pair(key + "=") != nil
    }
}
