/// Runs one command from its argv. Behind a protocol so a fault can be injected in tests.
public protocol CommandRunner: Sendable {
    /// Runs `argv` to completion, or until `timeoutSeconds` pass or kagent is interrupted.
    /// A non-zero exit is a normal result, not a thrown error.
    /// - Parameters:
    ///   - input: written to the command's standard input (else it reads /dev/null).
    ///   - onOutput: called with each chunk of standard output and error as it arrives.
    /// - Throws: ``ExecutorError/binaryMissing(_:hint:)`` or ``ExecutorError/spawnFailed(command:reason:)``
    ///   when the command could not be started at all.
    func run(_ argv: [String], input: String?, timeoutSeconds: Int, onOutput: (@Sendable (String) -> Void)?)
        async throws(ExecutorError) -> CommandResult

    /// Runs `argv` attached to kagent's terminal (standard input, output and error), for interactive commands.
    /// Returns its exit status.
    func runAttached(_ argv: [String]) async throws(ExecutorError) -> Int32
}

extension CommandRunner {
    public func run(_ argv: [String], timeoutSeconds: Int = 60) async throws(ExecutorError) -> CommandResult {
        try await run(argv, input: nil, timeoutSeconds: timeoutSeconds, onOutput: nil)
    }

    public func run(_ argv: [String], timeoutSeconds: Int, onOutput: (@Sendable (String) -> Void)?)
        async throws(ExecutorError) -> CommandResult
    {
        try await run(argv, input: nil, timeoutSeconds: timeoutSeconds, onOutput: onOutput)
    }
}
