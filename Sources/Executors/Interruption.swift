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
