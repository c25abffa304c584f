import Executors
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal kagent talks to: whether there is one, colours (off with NO_COLOR or when not a terminal),
/// and reading one answer without a shell-wide line editor.
struct Terminal: Sendable {
    let inputIsTerminal: Bool
    let outputIsTerminal: Bool
    let colors: Bool

    static func current() -> Terminal {
        let environment = ProcessInfo.processInfo.environment
        let output = isatty(1) == 1
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Terminal(
            inputIsTerminal: isatty(0) == 1, outputIsTerminal: output,
            colors: output && !noColor && environment["TERM"] != "dumb")
    }

    func bold(_ text: String) -> String { style(text, "1") }
    func dim(_ text: String) -> String { style(text, "2") }
    func red(_ text: String) -> String { style(text, "31") }
    func green(_ text: String) -> String { style(text, "32") }
    func yellow(_ text: String) -> String { style(text, "33") }
    func cyan(_ text: String) -> String { style(text, "36") }

    private func style(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func write(_ text: String) {
        Self.write(text, to: 1)
    }

    func writeError(_ text: String) {
        Self.write(text, to: 2)
    }

    /// Writes all of the text with write(2). A reader that went away (`kagent … | head`) ends the writing
    /// quietly: SIGPIPE is ignored, and EPIPE is not an error worth crashing for.
    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Prints a question and reads one line from the terminal. Returns nil on end of input or Ctrl-C.
    func ask(_ question: String) -> String? {
        write(question)
        var line = [UInt8]()
        var byte: UInt8 = 0
        while true {
            var descriptors = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: SignalHandling.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR && !Interruption.isRequested { continue }
                return nil
            }
            if descriptors[1].revents != 0 || Interruption.isRequested {
                // Ctrl-C at the question: the answer is no.
                SignalHandling.drain()
                Interruption.reset()
                write("\n")
                return nil
            }
            let count = read(0, &byte, 1)
            if count <= 0 { return nil }
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        return String(decoding: line, as: UTF8.self)
    }
}
