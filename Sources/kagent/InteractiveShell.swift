@preconcurrency import CReadline
import Executors
import Foundation
import Intent
import Session

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive shell on GNU readline: line editing, history in the state folder, `help`, `exit`.
///
/// Uses readline's callback interface with a poll loop, so Ctrl-C (a signal) drops the current line
/// from the main loop rather than from inside a signal handler. Without a terminal, lines are read plainly.
struct InteractiveShell {
    var session: RequestSession
    /// Lines kept in the history file.
    static let historyLimit: Int32 = 1_000

    static var readlineVersion: String {
        kagent_rl_library_version().map { String(cString: $0) } ?? "unknown"
    }

    mutating func run() async {
        session.settings.isShell = true
        let terminal = session.terminal
        let directories = session.directories
        directories.ensure(directories.state)
        let history = directories.historyFile
        let interactive = terminal.inputIsTerminal

        if interactive {
            terminal.write(
                terminal.bold("kagent") + " \(KagentCommand.version): say what to do (\"scale backend to 3\"); "
                    + "`help` lists what I understand, `exit` or Ctrl-D leaves.\n")
            LineEditor.start(history: history, limit: Self.historyLimit)
            ShellCompletion.install(catalog: session.catalog)
        }
        defer { if interactive { LineEditor.stop() } }

        while true {
            let line: String?
            if interactive {
                ShellCompletion.use(session.pipeline.planningContext().cluster)
                line = LineEditor.readLine(prompt: prompt())
            } else {
                line = Swift.readLine(strippingNewline: true)
            }
            guard let line else {
                if interactive { terminal.write("\n") }
                return
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if interactive && SecretPolicy.mayRecordInHistory(trimmed) { LineEditor.record(trimmed, file: history) }
            switch trimmed.lowercased() {
            case "exit", "quit", "bye", ":q":
                return
            default:
                if let scope = HelpText.Scope.parse(trimmed, catalog: session.catalog) {
                    terminal.write(HelpText.render(catalog: session.catalog, terminal: terminal, scope: scope))
                    continue
                }
                break
            }
            _ = await session.handle(trimmed)
        }
    }

    /// `kagent (context/namespace)> `
    func prompt() -> String {
        let file = session.kubeconfigFile
        let namespace = session.settings.namespace ?? file.namespace
        let context = file.context ?? "no context"
        return "kagent (\(context)/\(namespace))> "
    }
}

/// readline's callback interface, driven by poll. readline is a process-wide singleton: one shell at a time.
enum LineEditor {
    /// The line readline handed back; set by the C callback on the same thread that polls.
    nonisolated(unsafe) private static var pending: String?
    nonisolated(unsafe) private static var finished = false
    nonisolated(unsafe) private static var endOfInput = false

    static func start(history: String, limit: Int32) {
        kagent_rl_set_catch_signals(0)
        using_history()
        stifle_history(limit)
        if !FileManager.default.fileExists(atPath: history) {
            _ = FileManager.default.createFile(atPath: history, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        read_history(history)
        history_truncate_file(history, limit)
    }

    static func stop() {
        rl_callback_handler_remove()
    }

    static func record(_ line: String, file: String) {
        add_history(line)
        append_history(1, file)
    }

    /// One line, or nil on Ctrl-D. Ctrl-C clears the line being typed and asks again.
    static func readLine(prompt: String) -> String? {
        pending = nil
        finished = false
        endOfInput = false
        rl_callback_handler_install(prompt) { line in
            if let line {
                LineEditor.pending = String(cString: line)
                free(line)
            } else {
                LineEditor.endOfInput = true
            }
            LineEditor.finished = true
            rl_callback_handler_remove()
        }
        while !finished {
            var descriptors = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: SignalHandling.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&descriptors, 2, -1) < 0 { continue }
            if descriptors[1].revents != 0 || Interruption.isRequested {
                SignalHandling.drain()
                Interruption.reset()
                kagent_rl_drop_line()
                continue
            }
            if descriptors[0].revents & Int16(POLLIN | POLLHUP) != 0 {
                rl_callback_read_char()
            }
        }
        return endOfInput ? nil : pending
    }
}
