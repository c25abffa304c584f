import Executors
import Foundation
import TestSupport
import Testing

/// The interactive shell in a real terminal: tmux runs kagent, send-keys types, capture-pane reads the screen.
@Suite("Interactive shell under tmux", .enabled(if: ProcessRunner().locate("tmux") != nil || Sandbox.required))
struct ShellTests {
    final class Screen: Sendable {
        let socket = "kagent-test-\(UUID().uuidString.prefix(8))"
        let runner = ProcessRunner()

        func tmux(_ arguments: String...) async throws -> CommandResult {
            try await tmux(arguments)
        }

        func tmux(_ arguments: [String]) async throws -> CommandResult {
            try await runner.run(["tmux", "-L", socket] + arguments, timeoutSeconds: 10)
        }

        func start(_ command: [String]) async throws {
            let result = try await tmux(
                "new-session", "-d", "-s", "shell", "-x", "160", "-y", "50", ShellQuoting.command(command))
            try #require(result.succeeded, "tmux did not start: \(result.stderr)")
        }

        func type(_ keys: String...) async throws {
            _ = try await tmux(["send-keys", "-t", "shell"] + keys)
        }

        func contents() async throws -> String {
            try await tmux("capture-pane", "-p", "-t", "shell", "-S", "-3000").stdout
        }

        /// Waits until the screen shows `text` (up to 15 s); the screen, for messages.
        @discardableResult
        func waitFor(_ text: String, occurrences: Int = 1) async throws -> String {
            var screen = ""
            for _ in 0..<150 {
                screen = try await contents()
                if screen.components(separatedBy: text).count - 1 >= occurrences { return screen }
                try await Task.sleep(for: .milliseconds(100))
            }
            Issue.record("the screen never showed \"\(text)\":\n\(screen)")
            return screen
        }

        func isRunning() async throws -> Bool {
            try await tmux("has-session", "-t", "shell").succeeded
        }

        func waitUntilGone() async throws -> Bool {
            for _ in 0..<100 {
                if try await !isRunning() { return true }
                try await Task.sleep(for: .milliseconds(100))
            }
            return false
        }

        func kill() async {
            _ = try? await tmux("kill-server")
        }
    }

    @Test("line editing, help, Ctrl-C drops the line, exit; history survives into the next run; Ctrl-D leaves")
    func shellSession() async throws {
        let state = try TemporaryFolder()
        let command = [
            "env", "XDG_STATE_HOME=\(state.path)", "TERM=xterm-256color", "NO_COLOR=1", Repository.kagentExecutable,
            "--offline", "--dry-run",
        ]
        let screen = Screen()
        defer { Task { await screen.kill() } }

        try await screen.start(command)
        try await screen.waitFor("kagent (")
        try await screen.type("help", "Enter")
        try await screen.waitFor("Nothing changes without confirmation")

        // Readline editing: type the end, jump to the start of the line (C-a), type the beginning.
        try await screen.type("-l", "to 2")
        try await screen.type("C-a")
        try await screen.type("-l", "scale frontend ")
        try await screen.type("Enter")
        try await screen.waitFor("$ kubectl scale deployment/frontend --replicas=2 --namespace=default")

        // Ctrl-C drops what is typed, keeps the shell.
        try await screen.type("-l", "scale dropped-line to 9")
        try await screen.waitFor("scale dropped-line to 9")
        try await screen.type("C-c")
        try await screen.type("-l", "scale backend to 3")
        try await screen.type("Enter")
        let after = try await screen.waitFor("deployment/backend --replicas=3")
        #expect(!after.contains("dropped-line --replicas"), "the dropped line was not run")
        #expect(try await screen.isRunning(), "Ctrl-C did not end the shell")

        try await screen.type("-l", "exit")
        try await screen.type("Enter")
        #expect(try await screen.waitUntilGone(), "exit leaves the shell")

        let history = try String(contentsOfFile: state.path + "/kagent/history", encoding: .utf8)
        #expect(
            history.contains("help") && history.contains("scale frontend to 2")
                && history.contains("scale backend to 3"), "\(history)")
        #expect(!history.contains("dropped-line"))

        // A second run recalls the history with the Up key, and Ctrl-D on an empty line leaves.
        let second = Screen()
        defer { Task { await second.kill() } }
        try await second.start(command)
        try await second.waitFor("kagent (")
        try await second.type("Up", "Up")
        try await second.waitFor("scale backend to 3")
        try await second.type("Enter")
        try await second.waitFor("deployment/backend --replicas=3")
        try await second.type("C-d")
        #expect(try await second.waitUntilGone(), "Ctrl-D leaves the shell")
    }

    @Test("secrets are kept out of the history file")
    func historyPolicy() async throws {
        let state = try TemporaryFolder()
        let screen = Screen()
        defer { Task { await screen.kill() } }
        try await screen.start([
            "env", "XDG_STATE_HOME=\(state.path)", "TERM=xterm", Repository.kagentExecutable, "--offline", "--dry-run",
        ])
        try await screen.waitFor("kagent (")
        try await screen.type("-l", "create secret db --from-literal=password=hunter2")
        try await screen.type("Enter")
        try await screen.waitFor("did not understand")
        try await screen.type("-l", "scale backend to 1")
        try await screen.type("Enter")
        try await screen.waitFor("--replicas=1")
        try await screen.type("C-d")
        _ = try await screen.waitUntilGone()
        let history = try String(contentsOfFile: state.path + "/kagent/history", encoding: .utf8)
        #expect(history.contains("scale backend to 1"))
        #expect(!history.contains("hunter2"))
    }

    @Test("Tab completes live resource names from the cluster", .enabled(if: Sandbox.enabled))
    func completesNames() async throws {
        try await Sandbox.withNamespace("tab") { ns in
            let name = "zq\(ns.suffix(6))-payments"
            try await Sandbox.deploy([name: 1], namespace: ns)
            let state = try TemporaryFolder()
            let screen = Screen()
            defer { Task { await screen.kill() } }
            try await screen.start([
                "env", "XDG_STATE_HOME=\(state.path)", "TERM=xterm", Repository.kagentExecutable, "--kubeconfig",
                Sandbox.kubeconfig, "--dry-run",
            ])
            try await screen.waitFor("kagent (")
            // The names are read in the background when the prompt appears (and again at Tab while a read
            // failed): try for up to 40 s, as a loaded machine can make that read slow.
            var completed = false
            let deadline = Date().addingTimeInterval(40)
            while !completed && Date() < deadline {
                try await screen.type("-l", "describe \(name.prefix(8))")
                try await screen.type("Tab")
                try await Task.sleep(for: .milliseconds(300))
                completed = try await screen.contents().contains("describe \(name)")
                if !completed { try await screen.type("C-u") }
            }
            let finalScreen = try await screen.contents()
            #expect(completed, "Tab did not complete \(name.prefix(8)) to \(name): \(finalScreen)")
            try await screen.type("C-u", "C-d")
        }
    }

    @Test("the shell remembers: 'it', 'same for X', and 'use namespace X' in the prompt")
    func conversation() async throws {
        let state = try TemporaryFolder()
        let screen = Screen()
        defer { Task { await screen.kill() } }
        try await screen.start([
            "env", "XDG_STATE_HOME=\(state.path)", "TERM=xterm", "NO_COLOR=1", Repository.kagentExecutable, "--offline",
            "--dry-run",
        ])
        try await screen.waitFor("kagent (")
        try await screen.type("-l", "use namespace shop")
        try await screen.type("Enter")
        try await screen.waitFor("/shop)>")
        try await screen.type("-l", "scale web-app to 2")
        try await screen.type("Enter")
        try await screen.waitFor("$ kubectl scale deployment/web-app --replicas=2 --namespace=shop")
        try await screen.type("-l", "restart it")
        try await screen.type("Enter")
        try await screen.waitFor("$ kubectl rollout restart deployment/web-app --namespace=shop")
        try await screen.type("-l", "same for checkout")
        try await screen.type("Enter")
        try await screen.waitFor("$ kubectl rollout restart deployment/checkout --namespace=shop")
        try await screen.type("C-d")
        #expect(try await screen.waitUntilGone())
    }

    @Test(
        "\"undo that\" in the shell puts the last change back, after showing and confirming it",
        .enabled(if: Sandbox.enabled))
    func undoThat() async throws {
        try await Sandbox.withNamespace("shundo") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            let state = try TemporaryFolder()
            let screen = Screen()
            defer { Task { await screen.kill() } }
            try await screen.start([
                "env", "XDG_STATE_HOME=\(state.path)", "TERM=xterm", "NO_COLOR=1", Repository.kagentExecutable,
                "--kubeconfig", Sandbox.kubeconfig, "-n", ns,
            ])
            try await screen.waitFor("kagent (")
            try await screen.type("-l", "scale backend to 2")
            try await screen.type("Enter")
            try await screen.waitFor("[y/N]")
            try await screen.type("-l", "y")
            try await screen.type("Enter")
            try await screen.waitFor("(kagent undo puts it back)")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 2)
            try await screen.type("-l", "undo that")
            try await screen.type("Enter")
            try await screen.waitFor("undoes \"scale backend to 2\"")
            try await screen.waitFor("[y/N]", occurrences: 2)
            try await screen.type("-l", "y")
            try await screen.type("Enter")
            try await screen.waitFor("undid \"scale backend to 2\"")
            #expect(try await Sandbox.replicas("deployment/todo-backend", namespace: ns).spec == 1)
            try await screen.type("C-d")
            #expect(try await screen.waitUntilGone())
        }
    }
}
