import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How long something took, by the wall clock and by the CPU clock of the process that did it. On a machine busy
/// with other work the wall clock also counts the time others had the CPU; the CPU clock counts only this work.
struct Timing {
    var wall: Double
    var cpu: Double

    /// Both clocks now: the monotonic clock, and this process's CPU time (all its threads).
    static func now() -> Timing {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Timing(
            wall: Double(DispatchTime.now().uptimeNanoseconds) / 1e9,
            cpu: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }

    static func - (later: Timing, earlier: Timing) -> Timing {
        Timing(wall: later.wall - earlier.wall, cpu: later.cpu - earlier.cpu)
    }
}
