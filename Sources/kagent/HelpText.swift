import Intent

/// `kagent help`: what kagent understands, generated from the rules' own examples.
enum HelpText {
    /// How much of it: a line an action (`kagent help`), every rule (`kagent help all`), or one action's rules.
    enum Scope: Equatable {
        case summary, all
        case action(String)

        /// The scope `help WORDS` asks for; nil when the words are not one (then they are a request: "help me …").
        static func parse(_ words: String, catalog: RuleCatalog) -> Scope? {
            let parts = words.lowercased().split(separator: " ").map(String.init)
            guard parts.first == "help" || parts.first == "--help" || parts.first == "?" else { return nil }
            if parts.count == 1 { return .summary }
            guard parts.count == 2 else { return nil }
            if parts[1] == "all" { return .all }
            let action = parts[1].replacingOccurrences(of: "-", with: "_")
            return catalog.rules.contains { $0.action == action } ? .action(action) : nil
        }
    }

    static func render(catalog: RuleCatalog, terminal: Terminal, scope: Scope = .summary, examplesPerRule: Int = 1)
        -> String
    {
        var lines = [
            terminal.bold("kagent")
                + " turns plain-English requests into exact kubectl commands, shows them, asks, runs them and checks the result.",
            "",
            terminal.bold("Usage"),
            "  kagent \"REQUEST\"            plan, confirm, run and verify one request",
            "  kagent                      interactive shell (help, exit; Ctrl-C drops the line, Ctrl-D leaves)",
            "  kagent --dry-run \"REQUEST\"  show and validate the plan only",
            "  kagent help [all|ACTION]    what kagent understands: a line an action, every way each is said, or one action",
            "  kagent history              the last steps kagent ran (the audit log), with plan ids",
            "  kagent undo                 put back the last change (shown and confirmed first; \"undo that\" in the shell)",
            "  kagent undo plan ID         put back an earlier change, by the plan id kagent history shows",
            "  kagent mcp                  serve kagent's tools to an MCP client on stdio (read-only; --allow-changes to run changes)",
            "  kubectl kagent \"REQUEST\"    the same, as a kubectl plugin (scripts/setup writes kubectl-kagent)",
            "  options: -n NAMESPACE, --context NAME, --kubeconfig FILE, --yes, --offline, --output json, --project-dir DIR,",
            "           --read-only (refuse every change), --force (change a protected namespace without typing its name)",
            "",
            terminal.bold("What kagent understands"),
        ]
        var actions: [String] = []
        var byAction: [String: [IntentRule]] = [:]
        for rule in catalog.rules {
            if byAction[rule.action] == nil { actions.append(rule.action) }
            byAction[rule.action, default: []].append(rule)
        }
        switch scope {
        case .summary:
            // One line an action: its first description and a few of its examples.
            for action in actions {
                let rules = byAction[action] ?? []
                let examples = rules.compactMap { $0.matchExamples.first?.request }.prefix(3)
                lines.append("  " + terminal.bold(action) + "  " + (rules.first?.description ?? ""))
                lines.append("      " + examples.map { terminal.cyan($0) }.joined(separator: terminal.dim("  ·  ")))
            }
            lines.append("")
            lines.append("  `kagent help all` shows every way each is said; `kagent help ACTION` one action's.")
        case .all, .action:
            for action in actions {
                if case .action(let only) = scope, only != action { continue }
                lines.append("  " + terminal.bold(action))
                for rule in byAction[action] ?? [] {
                    lines.append("    " + rule.description)
                    for example in rule.matchExamples.prefix(scope == .all ? examplesPerRule : 3) {
                        lines.append("      " + terminal.cyan(example.request))
                    }
                }
            }
        }
        lines += [
            "",
            "Names may be loose (\"backend\" finds deployment todo-backend); the namespace is found when the name",
            "exists in only one. Say \"in NAMESPACE\" or use -n to choose. Nothing changes without confirmation.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
