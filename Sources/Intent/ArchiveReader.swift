/// Reads what ``ArchiveWriter`` wrote, in the same order. Every read is bounds-checked: a short or damaged file
/// throws ``ArchiveReader/Damage``, never traps.
struct ArchiveReader {
    /// The bytes end early, or hold what the writer never writes. Never shown: a damaged cache file is ignored.
    struct Damage: Error {}

    let bytes: [UInt8]
    private(set) var offset: Int
    /// Where reading stops: the end of the bytes, or of a section.
    private let end: Int

    init(_ bytes: [UInt8], from offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        self.end = bytes.count
    }

    /// A reader of one section (``section()``) of the bytes.
    init(_ bytes: [UInt8], section: Range<Int>) {
        self.bytes = bytes
        self.offset = section.lowerBound
        self.end = section.upperBound
    }

    var isAtEnd: Bool { offset == end }

    /// Skips a section (``ArchiveWriter/writeSection(_:)``), and says where it is.
    mutating func section() throws(Damage) -> Range<Int> {
        let length = try count()
        defer { offset += length }
        return offset..<(offset + length)
    }

    mutating func int() throws(Damage) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw Damage() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(truncatingIfNeeded: Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    /// A count of elements, each taking at least one byte: a damaged count cannot ask for a huge allocation.
    mutating func count() throws(Damage) -> Int {
        let count = try int()
        guard count >= 0, count <= end - offset else { throw Damage() }
        return count
    }

    mutating func bool() throws(Damage) -> Bool {
        guard offset < end, bytes[offset] <= 1 else { throw Damage() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    mutating func string() throws(Damage) -> String {
        let length = try count()
        defer { offset += length }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<(offset + length)]), as: UTF8.self)
        }
    }

    mutating func strings() throws(Damage) -> [String] {
        try array { (reader: inout ArchiveReader) throws(Damage) in try reader.string() }
    }

    mutating func array<Element>(_ each: (inout ArchiveReader) throws(Damage) -> Element) throws(Damage) -> [Element] {
        let count = try count()
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try each(&self)) }
        return elements
    }

    /// Raw bytes, as they are.
    mutating func take(_ length: Int) throws(Damage) -> ArraySlice<UInt8> {
        guard length >= 0, length <= end - offset else { throw Damage() }
        defer { offset += length }
        return bytes[offset..<(offset + length)]
    }
}
