import Foundation
import Intent

#if canImport(Glibc)
    import Glibc
#endif

/// kagent's own command line as other users' `ps` shows it (`/proc/PID/cmdline`): a request typed with a secret
/// value (`kagent "deploy the backend and set db.passwd=…"`) would be readable there for as long as kagent runs.
enum OwnArguments {
    /// Overwrites, in place, each argument that carries a secret value with its shown form (``SecretPolicy``),
    /// cut or padded with spaces to the same length. `CommandLine.arguments`, read first, keeps the real words.
    static func hideSecrets() {
        _ = CommandLine.arguments
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let word = String(cString: pointer)
            let shown = SecretPolicy.hide(in: word)
            guard shown != word else { continue }
            let length = strlen(pointer)
            let shownBytes = Array(shown.utf8.prefix(length))
            let padding = Array(repeating: UInt8(ascii: " "), count: length - shownBytes.count)
            for (offset, byte) in (shownBytes + padding).enumerated() { pointer[offset] = CChar(bitPattern: byte) }
        }
    }
}
