import Foundation

/// The user's configuration, state and cache folders (XDG base directories, as kubectl-adjacent tools use).
struct UserDirectories: Sendable {
    var config: String
    var state: String
    var cache: String

    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> UserDirectories {
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
    var historyFile: String { state + "/history" }
    /// The audit log: every step kagent ran, one JSON line each (`kagent history` shows it).
    var auditFile: String { state + "/audit.jsonl" }
    /// The undo journal: how to put back each recent change (`kagent undo`).
    var undoFile: String { state + "/undo.json" }
    /// Where scripts/setup puts helm (and kubectl when the machine has none); searched after PATH.
    var toolFolder: String { cache + "/bin" }

    func ensure(_ folder: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
}
