import Foundation

/// Whether a command exits 0 (its output discarded). Synchronous, for the `static let` checks that decide
/// whether a suite can run (test traits are evaluated outside any task).
public func commandSucceeds(_ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    } catch {
        return false
    }
}
