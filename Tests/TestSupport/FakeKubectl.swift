import Executors
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A stand-in for kubectl (or helm) on PATH, for one test: a small shell script that passes every call through
/// to the real program, except the first call that matches, where it injects a fault the real cluster cannot produce
/// on demand (a failure, a hang, an object that changes between planning and running).
///
/// Calls with `--dry-run` (kagent's validation) never match, so planning and validation always reach the real
/// cluster. The script logs every call, one line of its arguments each, so a test can say what ran.
public final class FakeKubectl: Sendable {
    /// What happens on the matching call.
    public enum Fault: Sendable {
        /// Exit 1 with this text on standard error; the real kubectl is not called.
        case fail(stderr: String)
        /// Sleep for ten minutes (the process is `sleep` itself, its pid in ``faultedPID()``).
        case hang
        /// Run these real kubectl commands first (their output discarded), then pass the call through.
        case before([[String]])
    }

    public let folder: TemporaryFolder
    /// The program it stands in for ("kubectl", "helm").
    public let program: String
    /// The real program the script passes calls to (an absolute path).
    public let realProgram: String

    /// Writes the script.
    /// - Parameters:
    ///   - fragments: text that must appear, in this order, in the call's arguments joined by spaces (with a
    ///     space at each end), e.g. `[" scale "]`; the first call that has them (without `--dry-run`) gets the fault.
    ///   - fault: what happens then.
    ///   - program: the program it stands in for, found on the tests' search path.
    public init(faulting fragments: [String], with fault: Fault, program: String = "kubectl") throws {
        folder = try TemporaryFolder()
        guard let real = ProcessRunner(searchPath: Sandbox.searchPath).locate(program) else {
            throw ExecutorError.binaryMissing(program, hint: ProcessRunner.installHint(for: program))
        }
        self.program = program
        realProgram = real
        let dir = ShellQuoting.quote(folder.path)
        // Quoted text in a `case` pattern is literal; the `*`s between the fragments are not.
        let pattern = "*" + fragments.map(ShellQuoting.quote).joined(separator: "*") + "*"
        let action: String
        switch fault {
        case .fail(let stderr):
            action = "printf '%s\\n' \(ShellQuoting.quote(stderr)) >&2\n    exit 1"
        case .hang:
            action = "exec sleep 600"
        case .before(let commands):
            action = commands.map { "\"$real\" \(ShellQuoting.command($0)) >/dev/null 2>&1" }
                .joined(separator: "\n    ")
        }
        let script = """
            #!/bin/sh
            # kagent's test stand-in for \(program): see Tests/TestSupport/FakeKubectl.swift.
            real=\(ShellQuoting.quote(real))
            dir=\(dir)
            printf '%s\\n' "$*" >> "$dir/calls"
            case " $* " in
              *" --dry-run"*) ;;
              \(pattern))
                if mkdir "$dir/faulted" 2>/dev/null; then
                    echo "$$" > "$dir/pid"
                    \(action)
                fi
                ;;
            esac
            exec "$real" "$@"

            """
        // The executable is written by a child process: a file this process held open for writing would be
        // inherited by children that tests running alongside spawn meanwhile, and executing it would then fail
        // with "Text file busy" (ETXTBSY).
        let text = try folder.write("\(program).sh", contents: script)
        guard commandSucceeds(["install", "-m", "755", text.path, folder.path + "/" + program]) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// The environment that puts the stand-in first on PATH (the rest of PATH as the tests have it).
    public var environment: [String: String] {
        ["PATH": ([folder.path] + Sandbox.searchPath).joined(separator: ":")]
    }

    /// Runs the real kagent with this stand-in first on PATH and its own state folder.
    public func kagent(_ arguments: [String], state: TemporaryFolder) async throws -> CommandResult {
        try await Kagent.run(arguments, environment: environment.merging(["XDG_STATE_HOME": state.path]) { _, new in new })
    }

    /// Checks that kagent reported the faulted read as the failed read it is: exit 1, the failure with exit status 1,
    /// the injected error output and the command (which starts with `command`), and none of `absence`'s words.
    public func expectFailedRead(
        _ result: CommandResult, stderr: String, command: String, absence: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let said = result.stderr
        #expect(faulted, "the stand-in never saw the read: \(result.stdout)\(said)", sourceLocation: sourceLocation)
        #expect(result.exitCode == 1, "\(result.stdout)\(said)", sourceLocation: sourceLocation)
        #expect(said.contains("reading the cluster failed with exit status 1"), "\(said)", sourceLocation: sourceLocation)
        #expect(said.contains("| \(stderr)"), "the error output is shown: \(said)", sourceLocation: sourceLocation)
        #expect(said.contains("command: \(command)"), "the command, pasteable: \(said)", sourceLocation: sourceLocation)
        for words in absence {
            #expect(!said.contains(words), "a failed read is no absence: \(said)", sourceLocation: sourceLocation)
        }
    }

    /// Whether the fault was injected (a call matched).
    public var faulted: Bool { FileManager.default.fileExists(atPath: folder.path + "/faulted") }

    /// The pid of the process that took the fault (for `.hang`, the `sleep`), once a call matched.
    public func faultedPID() -> pid_t? {
        (try? String(contentsOfFile: folder.path + "/pid", encoding: .utf8))
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Waits until a call matched (up to `seconds`); the faulted process's pid.
    public func waitForFault(seconds: Double = 60) async throws -> pid_t? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let pid = faultedPID() { return pid }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Every call the stand-in received, one string of its arguments each, in order.
    public func calls() -> [String] {
        let text = (try? String(contentsOfFile: folder.path + "/calls", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Whether a process exists (a zombie counts as gone only once reaped by its parent).
    public static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
