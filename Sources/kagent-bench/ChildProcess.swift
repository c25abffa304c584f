import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run of a program, spawned and reaped here rather than through `ProcessRunner`, whose pipes and thread
/// would be timed too.
///
/// Its peak memory is not `wait4`'s `ru_maxrss`: on Linux a process spawned with `posix_spawn` (which shares the
/// parent's memory until `execve`) keeps the parent's high-water mark across the exec, so every child would
/// report at least kagent-bench's own peak. ``peakMemory(_:environment:)`` asks GNU time instead, which forks
/// from its own small process.
struct ChildProcess {
    /// What one run took.
    struct Run {
        /// Wall time, and the child's CPU time (user and system).
        var timing: Timing
        /// The exit code, or 128 + the signal that stopped it.
        var exitCode: Int32
    }

    enum Failure: LocalizedError {
        case spawn(String, errno: Int32)
        case exit(String, status: Int32)
        var errorDescription: String? {
            switch self {
            case .spawn(let path, let code): "cannot start '\(path)': \(String(cString: strerror(code)))"
            case .exit(let command, let status): "'\(command)' exited with \(status)"
            }
        }
    }

    /// Runs `argv` (its first element a path) with stdin on /dev/null and stderr inherited, and waits.
    /// - Parameters:
    ///   - environment: replaces kagent-bench's own environment when given.
    ///   - output: the file stdout goes to (created or truncated).
    static func run(_ argv: [String], environment: [String: String]? = nil, output: String = "/dev/null") throws
        -> Run
    {
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = variables.map { strdup($0) } + [nil]
        defer {
            for pointer in cArgv { free(pointer) }
            for pointer in cEnv { free(pointer) }
        }
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
        #else
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArgv, cEnv)
        guard spawned == 0 else { throw Failure.spawn(argv[0], errno: spawned) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        func secondsOf(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Run(
            timing: Timing(wall: seconds, cpu: secondsOf(usage.ru_utime) + secondsOf(usage.ru_stime)),
            exitCode: exitCode)
    }

    /// GNU time, which reports a command's own maximum resident set size (`%M`, in KiB).
    static let gnuTime = "/usr/bin/time"

    /// The maximum resident set size of one run of `argv`, in bytes, measured by GNU time; nil when there is
    /// no GNU time at ``gnuTime`` or the run fails.
    static func peakMemory(_ argv: [String], environment: [String: String]? = nil) -> Int? {
        guard FileManager.default.isExecutableFile(atPath: gnuTime) else { return nil }
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("kagent-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: report) }
        guard let run = try? Self.run([gnuTime, "-f", "%M", "-o", report.path] + argv, environment: environment),
            run.exitCode == 0, let text = try? String(contentsOf: report, encoding: .utf8),
            let kilobytes = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        return kilobytes * 1024
    }
}
