/// 64-bit FNV-1a over bytes: not for security (the caches are the user's own folder), only to tell contents
/// apart, and fast enough that hashing every rule file costs far less than parsing one.
struct ContentHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        let added: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            var hash = value
            for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            value = hash
        }
        if added == nil {
            for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
    }

    /// A whole number, as its eight bytes: a length between two texts keeps "ab"+"c" apart from "a"+"bc".
    mutating func add(_ number: Int) {
        withUnsafeBytes(of: Int64(number).littleEndian) { add($0) }
    }

    mutating func add(_ text: String) {
        add(text.utf8.count)
        add(text.utf8)
    }
}
