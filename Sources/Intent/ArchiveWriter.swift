/// Bytes for ``ArchiveReader``: whole numbers as LEB128 (zig-zag, so that negative ones stay short), text as its
/// UTF-8 length and bytes, lists as their count and elements. No field names and no types: writer and reader
/// agree on the order, and a version in the file's header says which order (``CatalogCache/format``).
struct ArchiveWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: Int) {
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1))))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func write(_ texts: [String]) {
        write(texts, each: { $0.write($1) })
    }

    mutating func write<Element>(_ elements: [Element], each: (inout ArchiveWriter, Element) -> Void) {
        write(elements.count)
        for element in elements { each(&self, element) }
    }

    /// A part that can be read later or skipped (``ArchiveReader/section()``): its length, then what `body` writes.
    mutating func writeSection(_ body: (inout ArchiveWriter) -> Void) {
        var section = ArchiveWriter()
        body(&section)
        write(section.bytes.count)
        bytes.append(contentsOf: section.bytes)
    }

    /// Raw bytes, as they are (a header's magic number and checksum).
    mutating func append(_ raw: some Sequence<UInt8>) {
        bytes.append(contentsOf: raw)
    }
}
