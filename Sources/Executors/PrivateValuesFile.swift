import Foundation
import Planner
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The private values file of one step (``PrivateValues``): a folder of its own under the temporary folder
/// (`mkdtemp`, mode 0700) holding `values.yaml` (mode 0600), written just before the command starts and removed
/// as soon as it ends, whether it succeeded, failed, timed out or was interrupted.
public struct PrivateValuesFile: Sendable {
    /// The folder, mode 0700.
    public let folder: String
    /// The values file in it, mode 0600.
    public let path: String

    /// Writes the values to a new private file.
    /// - Throws: ``ExecutorError/spawnFailed(command:reason:)`` when the folder or file cannot be made.
    public static func create(_ values: PrivateValues, command: String) throws(ExecutorError) -> PrivateValuesFile {
        let base = (ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        var template =
            Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast())
            + Array("kagent-values.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Self.failure(command) }
        let folder = String(cString: made)
        let path = folder + "/values.yaml"
        // mkdtemp makes it 0700 already; said again so a platform's default cannot widen it.
        guard chmod(folder, 0o700) == 0 else {
            rmdir(folder)
            throw Self.failure(command)
        }
        Self.register(folder: folder, path: path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let error = Self.failure(command)
            Self.remove(folder: folder, path: path)
            throw error
        }
        var bytes = Array(values.yaml().utf8)[...]
        var written = true
        // The mode asked of open() is narrowed by the umask, never widened; 0600 whatever the umask.
        if fchmod(descriptor, 0o600) != 0 { written = false }
        while written, !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes = bytes.dropFirst(count)
            } else if count < 0 && errno != EINTR {
                written = false
            }
        }
        if close(descriptor) != 0 { written = false }
        guard written else {
            let error = Self.failure(command)
            Self.remove(folder: folder, path: path)
            throw error
        }
        return PrivateValuesFile(folder: folder, path: path)
    }

    /// Removes the file and its folder.
    public func remove() {
        Self.remove(folder: folder, path: path)
    }

    static func remove(folder: String, path: String) {
        unlink(path)
        rmdir(folder)
        Self.unregister()
    }

    static func failure(_ command: String) -> ExecutorError {
        .spawnFailed(
            command: command, reason: "could not write the private values file: \(String(cString: strerror(errno)))")
    }

    // MARK: - Removal when kagent is stopped

    /// Whether a file is being written or in use; the paths are in the buffers below while it is.
    static let active = Atomic<Bool>(false)
    /// The paths, as C strings, made once so a signal handler can read them without allocating.
    // A step runs one at a time and the buffers are written only while `active` is false, so the signal handler
    // (which reads them only while it is true) never sees half a path.
    nonisolated(unsafe) static let folderBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
    nonisolated(unsafe) static let pathBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)

    static func register(folder: String, path: String) {
        guard folder.utf8.count < Int(PATH_MAX), path.utf8.count < Int(PATH_MAX) else { return }
        active.store(false, ordering: .sequentiallyConsistent)
        _ = folder.withCString { strcpy(folderBuffer, $0) }
        _ = path.withCString { strcpy(pathBuffer, $0) }
        active.store(true, ordering: .sequentiallyConsistent)
    }

    static func unregister() {
        active.store(false, ordering: .sequentiallyConsistent)
    }

    /// Removes the private values file in use, if any. Async-signal-safe (`unlink`, `rmdir`): for a signal handler
    /// that ends kagent at once (a second Ctrl-C, SIGTERM), so that no secret is left behind.
    public static func removeForExit() {
        guard active.load(ordering: .sequentiallyConsistent) else { return }
        unlink(pathBuffer)
        rmdir(folderBuffer)
    }
}
