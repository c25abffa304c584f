/// A local Docker container as troubleshooting needs it: its state as Docker records it, and its last log lines.
public struct ContainerState: Sendable, Hashable {
    public var name: String
    /// Docker's status: created, running, restarting, exited, paused, dead.
    public var status: String
    public var running: Bool
    public var exitCode: Int
    public var oomKilled: Bool
    /// Docker's own error for a container that could not start ("port is already allocated").
    public var error: String
    public var restartCount: Int
    public var image: String
    /// The last lines it logged (standard output and error).
    public var logTail: [String]

    public init(
        name: String, status: String, running: Bool, exitCode: Int, oomKilled: Bool = false, error: String = "",
        restartCount: Int = 0, image: String = "", logTail: [String] = []
    ) {
        self.name = name
        self.status = status
        self.running = running
        self.exitCode = exitCode
        self.oomKilled = oomKilled
        self.error = error
        self.restartCount = restartCount
        self.image = image
        self.logTail = logTail
    }
}

/// How troubleshooting reads a local container, implemented by Executors over the docker CLI (read-only).
public protocol ContainerReader: Sendable {
    /// The container's state and last log lines, or nil when there is no container of that name.
    func container(named name: String) async throws(PlannerError) -> ContainerState?
}
