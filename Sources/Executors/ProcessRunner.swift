import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs commands as child processes with `posix_spawn`: no shell, stdin from /dev/null,
/// output captured through pipes, each child in its own process group so a timeout or Ctrl-C
/// stops it and everything it started.
public struct ProcessRunner: CommandRunner {
    /// Folders searched for the program, in order (PATH, then kagent's own tool folder).
    public let searchPath: [String]
    /// Extra environment for children, over kagent's own.
    public let environment: [String: String]

    public init(searchPath: [String]? = nil, environment: [String: String] = [:]) {
        self.searchPath =
            searchPath
            ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
        self.environment = environment
    }

    /// The full path of a program, or nil when it is not installed.
    public func locate(_ program: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        for folder in searchPath where !folder.isEmpty {
            let candidate = folder + "/" + program
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    public func run(
        _ argv: [String], input: String?, timeoutSeconds: Int, onOutput: (@Sendable (String) -> Void)?
    ) async throws(ExecutorError) -> CommandResult {
        let (path, envp) = try prepare(argv)
        // A cancelled task (an MCP client's cancelled request) stops the child as Ctrl-C does.
        let stop = StopSignal()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation {
                (continuation: CheckedContinuation<Result<CommandResult, ExecutorError>, Never>) in
                let thread = Thread {
                    continuation.resume(
                        returning: Self.spawnAndWait(
                            path: path, argv: argv, envp: envp, input: input, timeoutSeconds: timeoutSeconds,
                            stop: stop, onOutput: onOutput))
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
        } onCancel: {
            stop.request()
        }
        return try outcome.get()
    }

    public func runAttached(_ argv: [String]) async throws(ExecutorError) -> Int32 {
        let (path, envp) = try prepare(argv)
        let command = ShellQuoting.command(argv)
        let outcome = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Int32, ExecutorError>, Never>) in
            let thread = Thread {
                // Same process group as kagent: the command owns the terminal while it runs, and Ctrl-C reaches
                // it directly; kagent's handler only notes the interruption.
                let cArgv = argv.map { strdup($0) } + [nil]
                let cEnv = envp.map { strdup($0) } + [nil]
                defer {
                    for pointer in cArgv { free(pointer) }
                    for pointer in cEnv { free(pointer) }
                }
                var pid: pid_t = 0
                let spawned = posix_spawn(&pid, path, nil, nil, cArgv, cEnv)
                guard spawned == 0 else {
                    continuation.resume(
                        returning: .failure(.spawnFailed(command: command, reason: String(cString: strerror(spawned)))))
                    return
                }
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                continuation.resume(returning: .success(code))
            }
            thread.start()
        }
        return try outcome.get()
    }

    /// The program's full path and the children's environment, or why the command cannot start.
    private func prepare(_ argv: [String]) throws(ExecutorError) -> (path: String, envp: [String]) {
        guard let program = argv.first else { throw .spawnFailed(command: "", reason: "empty command") }
        guard let path = locate(program) else { throw .binaryMissing(program, hint: Self.installHint(for: program)) }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        return (path, env.map { "\($0.key)=\($0.value)" })
    }

    /// How to get a missing program.
    public static func installHint(for program: String) -> String {
        switch program {
        case "kubectl":
            return
                "install kubectl (https://kubernetes.io/docs/tasks/tools/), or run scripts/setup from kagent's repository"
        case "helm":
            return
                "install helm (https://helm.sh/docs/intro/install/), or run scripts/setup, which puts it in ~/.cache/kagent/bin"
        case "docker":
            return "install Docker (Debian: apt-get install docker.io) and start its daemon"
        case "minikube":
            return "install minikube (https://minikube.sigs.k8s.io/docs/start/)"
        default:
            return "install it, or add its folder to PATH"
        }
    }

    // MARK: - The blocking part, on its own thread

    private static func spawnAndWait(
        path: String, argv: [String], envp: [String], input: String?, timeoutSeconds: Int, stop: StopSignal,
        onOutput: (@Sendable (String) -> Void)?
    ) -> Result<CommandResult, ExecutorError> {
        let command = ShellQuoting.command(argv)
        let started = Date()
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        var inPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0, input == nil || pipe(&inPipe) == 0 else {
            return .failure(.spawnFailed(command: command, reason: String(cString: strerror(errno))))
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
            posix_spawn_file_actions_addclose(&actions, inPipe[0])
            posix_spawn_file_actions_addclose(&actions, inPipe[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group (so Ctrl-C on the terminal reaches kagent, which decides), default signals, empty mask.
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)

        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = envp.map { strdup($0) } + [nil]
        defer {
            for pointer in cArgv { free(pointer) }
            for pointer in cEnv { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, cArgv, cEnv)
        close(outPipe[1])
        close(errPipe[1])
        if input != nil { close(inPipe[0]) }
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            if input != nil { close(inPipe[1]) }
            return .failure(.spawnFailed(command: command, reason: String(cString: strerror(spawned))))
        }

        var stdout = [UInt8](), stderr = [UInt8]()
        var open = [outPipe[0], errPipe[0]]
        var timedOut = false, interrupted = false
        var terminatedAt: Date?, killed = false
        var reapedStatus: Int32?
        let deadline = started.addingTimeInterval(TimeInterval(timeoutSeconds))
        // SIGTERM to the child's whole process group; SIGKILL if it is still there two seconds later.
        func stopChild() {
            if terminatedAt == nil {
                terminatedAt = Date()
                kill(-pid, SIGTERM)
            }
        }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        // Standard input is written a piece at a time as the child reads it, so a large input cannot block us.
        var pendingInput = input.map { Array($0.utf8)[...] }
        var inputFD: Int32 = input != nil ? inPipe[1] : -1
        if inputFD >= 0 { _ = fcntl(inputFD, F_SETFL, fcntl(inputFD, F_GETFL) | O_NONBLOCK) }
        while !open.isEmpty {
            if inputFD >= 0, var remaining = pendingInput {
                let written = remaining.withUnsafeBytes { write(inputFD, $0.baseAddress, $0.count) }
                if written > 0 { remaining = remaining.dropFirst(written) }
                pendingInput = remaining
                if remaining.isEmpty || (written < 0 && errno != EAGAIN && errno != EINTR) {
                    close(inputFD)
                    inputFD = -1
                }
            }
            if stop.isRequested && !interrupted {
                interrupted = true
                stopChild()
            }
            if Date() >= deadline && !timedOut && !interrupted {
                timedOut = true
                stopChild()
            }
            if let terminatedAt, !killed, Date().timeIntervalSince(terminatedAt) > 2 {
                killed = true
                kill(-pid, SIGKILL)
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), 100)
            if ready == 0 {
                // The child may be gone while something it started still holds the pipes: stop reading then.
                if reapedStatus != nil { break }
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { reapedStatus = status }
                continue
            }
            if ready < 0 { continue }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    let chunk = buffer[0..<count]
                    if entry.fd == outPipe[0] { stdout += chunk } else { stderr += chunk }
                    onOutput?(String(decoding: chunk, as: UTF8.self))
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        for fd in open { close(fd) }
        if inputFD >= 0 { close(inputFD) }
        var status: Int32 = reapedStatus ?? 0
        if reapedStatus == nil {
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        let exitCode: Int32
        if status & 0x7f == 0 {
            exitCode = (status >> 8) & 0xff  // exited normally
        } else {
            exitCode = 128 + (status & 0x7f)  // killed by a signal, as shells report it
        }
        return .success(
            CommandResult(
                argv: argv, exitCode: exitCode, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self), seconds: Date().timeIntervalSince(started),
                timedOut: timedOut, interrupted: interrupted))
    }
}
