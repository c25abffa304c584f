import Foundation

/// Paths in kagent's repository, found from this file rather than the working directory.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let rules = root.appendingPathComponent("rules")
    public static let examples = root.appendingPathComponent("examples")

    /// The folder the test binaries (and the `kagent` executable they depend on) were built into.
    public static var buildProducts: URL {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: executable)
        // .build/debug/kagentPackageTests.xctest (a file on Linux, a bundle elsewhere)
        while url.path != "/" && !url.lastPathComponent.hasSuffix(".xctest") { url.deleteLastPathComponent() }
        return url.path == "/" ? root.appendingPathComponent(".build/debug") : url.deletingLastPathComponent()
    }

    public static var kagentExecutable: String { buildProducts.appendingPathComponent("kagent").path }
}
