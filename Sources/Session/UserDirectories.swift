import Foundation

/// The user's configuration, state and cache folders (XDG base directories, as kubectl-adjacent tools use).
public struct UserDirectories: Sendable {
    public var config: String
    public var state: String
    public var cache: String

    public init(config: String, state: String, cache: String) {
        self.config = config
        self.state = state
        self.cache = cache
    }

    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> UserDirectories {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func base(_ variable: String, _ fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return home + "/" + fallback
        }
        return UserDirectories(
            config: base("XDG_CONFIG_HOME", ".config") + "/kagent",
            state: base("XDG_STATE_HOME", ".local/state") + "/kagent",
            cache: base("XDG_CACHE_HOME", ".cache") + "/kagent")
    }

    /// The shell's history file.
    public var historyFile: String { state + "/history" }
    /// The audit log: every step kagent ran, one JSON line each (`kagent history` shows it).
    public var auditFile: String { state + "/audit.jsonl" }
    /// The undo journal: how to put back each recent change (`kagent undo`).
    public var undoFile: String { state + "/undo.json" }
    /// Where scripts/setup puts helm (and kubectl when the machine has none); searched after PATH.
    public var toolFolder: String { cache + "/bin" }

    public func ensure(_ folder: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
}
