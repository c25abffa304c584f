import Synchronization

/// Ctrl-C, as seen by running commands: the CLI's signal handler sets it, the runner stops the child.
///
/// An `Atomic` so a signal handler may set it: a lock-free store is async-signal-safe.
public enum Interruption {
    static let flag = Atomic<Bool>(false)

    /// Marks that the user pressed Ctrl-C. Safe to call from a signal handler.
    public static func request() { flag.store(true, ordering: .relaxed) }
    /// Clears the mark, before the next request starts.
    public static func reset() { flag.store(false, ordering: .relaxed) }
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }
}

/// A stop for one piece of work, set when the Swift task that waits for it is cancelled (an MCP client cancelled
/// its request): the child process or the model request it guards stops as for Ctrl-C.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func request() { flag.store(true, ordering: .relaxed) }
    /// Set, or Ctrl-C was pressed.
    public var isRequested: Bool { flag.load(ordering: .relaxed) || Interruption.isRequested }
}
