import Executors

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C: stops the running command and the plan, never kagent's shell.
///
/// The handler only stores to an atomic (async-signal-safe); the runner and the shell loop look at it.
/// Outside the shell, a second Ctrl-C while one is pending leaves at once, as people expect.
enum SignalHandling {
    static func install(leaveOnSecondInterrupt: Bool) {
        if leaveOnSecondInterrupt {
            signal(SIGINT) { _ in
                if Interruption.isRequested { _exit(130) }
                Interruption.request()
            }
        } else {
            signal(SIGINT) { _ in Interruption.request() }
        }
        // A closed pipe (kagent ... | head) must not kill kagent mid-plan; writes fail instead.
        signal(SIGPIPE, SIG_IGN)
    }
}
