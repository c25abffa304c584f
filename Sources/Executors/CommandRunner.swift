/// Runs one command from its argv. Behind a protocol so a fault can be injected in tests.
public protocol CommandRunner: Sendable {
    /// Runs `argv` to completion, or until `timeoutSeconds` pass or kagent is interrupted.
    /// A non-zero exit is a normal result, not a thrown error.
    /// - Parameter onOutput: called with each chunk of standard output and error as it arrives.
    /// - Throws: ``ExecutorError/binaryMissing(_:hint:)`` or ``ExecutorError/spawnFailed(command:reason:)``
    ///   when the command could not be started at all.
    func run(_ argv: [String], timeoutSeconds: Int, onOutput: (@Sendable (String) -> Void)?)
        async throws(ExecutorError) -> CommandResult
}

extension CommandRunner {
    public func run(_ argv: [String], timeoutSeconds: Int = 60) async throws(ExecutorError) -> CommandResult {
        try await run(argv, timeoutSeconds: timeoutSeconds, onOutput: nil)
    }
}
