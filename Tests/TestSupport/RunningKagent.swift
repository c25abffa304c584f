import Executors
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real kagent binary started in the background, so a test can signal it while it runs (Ctrl-C is SIGINT).
///
/// Standard input is /dev/null; standard output and error go to files, read when it has finished.
public final class RunningKagent: Sendable {
    private let process: Process
    private let folder: TemporaryFolder
    private let arguments: [String]

    public var pid: pid_t { process.processIdentifier }

    /// Starts kagent with these arguments, its environment over the test's own.
    public init(_ arguments: [String], environment: [String: String] = [:]) throws {
        folder = try TemporaryFolder()
        self.arguments = arguments
        process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.kagentExecutable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        _ = FileManager.default.createFile(atPath: folder.path + "/stdout", contents: nil)
        _ = FileManager.default.createFile(atPath: folder.path + "/stderr", contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: folder.path + "/stdout")
        process.standardError = FileHandle(forWritingAtPath: folder.path + "/stderr")
        try process.run()
    }

    /// Sends SIGINT, as Ctrl-C on a terminal does.
    public func interrupt() {
        kill(process.processIdentifier, SIGINT)
    }

    /// Waits until kagent exits (SIGKILL after `seconds`, then a nil result); what it did.
    public func finish(within seconds: Double = 60) async throws -> CommandResult? {
        let started = Date()
        while process.isRunning {
            if Date().timeIntervalSince(started) > seconds {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let stdout = (try? String(contentsOfFile: folder.path + "/stdout", encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: folder.path + "/stderr", encoding: .utf8)) ?? ""
        let code =
            process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
        return CommandResult(
            argv: [Repository.kagentExecutable] + arguments, exitCode: code, stdout: stdout, stderr: stderr,
            seconds: Date().timeIntervalSince(started))
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// kagent against the sandbox in one namespace, with an undo journal of its own (XDG_STATE_HOME): what a test that
/// changes things and undoes them runs.
public struct SandboxSession: Sendable {
    public let state: TemporaryFolder
    public let namespace: String

    public init(namespace: String) throws {
        state = try TemporaryFolder()
        self.namespace = namespace
    }

    public func run(_ arguments: String...) async throws -> CommandResult {
        try await Kagent.run(
            ["--kubeconfig", Sandbox.kubeconfig, "-n", namespace] + arguments,
            environment: ["XDG_STATE_HOME": state.path])
    }
}
