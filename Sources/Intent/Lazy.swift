import Foundation

/// A value worked out the first time it is asked for, once, by whichever thread asks first, and shared by every
/// copy of the struct that holds it: parts of the catalogue a one-shot request rarely needs (examples, frames).
final class Lazy<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `state` is only read and written while `lock` is held, so the value is made at most once.
    private let lock = NSLock()
    private var state: State

    private enum State {
        case pending(@Sendable () -> Value)
        case made(Value)
    }

    init(_ make: @escaping @Sendable () -> Value) {
        state = .pending(make)
    }

    /// A value already there.
    init(_ value: Value) {
        state = .made(value)
    }

    var value: Value {
        lock.withLock {
            switch state {
            case .made(let value):
                return value
            case .pending(let make):
                let value = make()
                // The closure goes, and what it held with it (the compiled catalogue's bytes).
                state = .made(value)
                return value
            }
        }
    }
}
