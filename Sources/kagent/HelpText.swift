import Intent

/// `kagent help`: what kagent understands, generated from the rules' own examples.
enum HelpText {
    static func render(catalog: RuleCatalog, terminal: Terminal, examplesPerRule: Int = 1) -> String {
        var lines = [
            terminal.bold("kagent")
                + " turns plain-English requests into exact kubectl commands, shows them, asks, runs them and checks the result.",
            "",
            terminal.bold("Usage"),
            "  kagent \"REQUEST\"            plan, confirm, run and verify one request",
            "  kagent                      interactive shell (help, exit; Ctrl-C drops the line, Ctrl-D leaves)",
            "  kagent --dry-run \"REQUEST\"  show and validate the plan only",
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
        for action in actions {
            lines.append("  " + terminal.bold(action))
            for rule in byAction[action] ?? [] {
                lines.append("    " + rule.description)
                for example in rule.matchExamples.prefix(examplesPerRule) {
                    lines.append("      " + terminal.cyan(example.request))
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
