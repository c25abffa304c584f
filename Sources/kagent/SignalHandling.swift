import Executors

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C: stops the running command and the plan, never kagent's shell.
///
/// The handler only stores to an atomic and writes a byte to a pipe (both async-signal-safe). The signal may be
/// delivered to any thread, so code waiting for input polls the pipe too (``wakeDescriptor``) rather than
/// relying on its own system call being interrupted. Outside the shell, a second Ctrl-C leaves at once.
enum SignalHandling {
    /// A pipe whose read end becomes readable when Ctrl-C is pressed. Made before the handler is installed.
    static let pipeEnds: (read: Int32, write: Int32) = {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        }
        return (ends[0], ends[1])
    }()

    static var wakeDescriptor: Int32 { pipeEnds.read }

    static func install(leaveOnSecondInterrupt: Bool) {
        _ = pipeEnds
        if leaveOnSecondInterrupt {
            signal(SIGINT) { _ in
                if Interruption.isRequested {
                    PrivateValuesFile.removeForExit()
                    _exit(130)
                }
                SignalHandling.notify()
            }
        } else {
            signal(SIGINT) { _ in SignalHandling.notify() }
        }
        // Ended from outside while a step runs: its private values file goes first, then kagent ends as it would.
        for ending in [SIGTERM, SIGHUP] {
            signal(ending) { number in
                PrivateValuesFile.removeForExit()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
        // A closed pipe (kagent ... | head) must not kill kagent mid-plan; writes fail instead.
        signal(SIGPIPE, SIG_IGN)
    }

    private static func notify() {
        Interruption.request()
        var byte: UInt8 = 1
        _ = write(pipeEnds.write, &byte, 1)
    }

    /// Empties the pipe after an interruption was handled.
    static func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(pipeEnds.read, &buffer, buffer.count) > 0 {}
    }
}
