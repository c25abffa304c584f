/// What a finished command did.
public struct CommandResult: Sendable, Hashable {
    public var argv: [String]
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
    public var seconds: Double
    public var timedOut: Bool
    public var interrupted: Bool

    public var succeeded: Bool { exitCode == 0 && !timedOut && !interrupted }
    public var command: String { ShellQuoting.command(argv) }

    public init(
        argv: [String], exitCode: Int32, stdout: String, stderr: String, seconds: Double, timedOut: Bool = false,
        interrupted: Bool = false
    ) {
        self.argv = argv
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
        self.seconds = seconds
        self.timedOut = timedOut
        self.interrupted = interrupted
    }

    /// The error to report when the command did not succeed, or nil when it did.
    public var error: ExecutorError? {
        if interrupted { return .interrupted(command: command) }
        if timedOut { return .timedOut(command: command, seconds: Int(seconds.rounded())) }
        if exitCode != 0 { return ExecutorError.classify(command: command, exitCode: exitCode, stderr: stderr) }
        return nil
    }
}
