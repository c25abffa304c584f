/// Words by their length in bytes, for finding those within one edit of a word (``EditDistance/isWithinOne(_:_:)``
/// on bytes) without comparing it against every one: only words of a length one apart or less, and of those only
/// the ones whose letter mask (``mask(_:)``) differs in at most two bits, are compared.
struct NearWords: Sendable {
    /// The words of one length: their numbers, letter masks and bytes, one word after another.
    private struct Bucket: Sendable {
        var numbers: [Int] = []
        var masks: [UInt64] = []
        var bytes: [UInt8] = []
    }

    /// By length in bytes.
    private let buckets: [Bucket]

    /// - Parameter words: each word with the number ``forEach(near:_:)`` reports for it.
    init(_ words: some Sequence<(number: Int, word: String)>) {
        var buckets: [Bucket] = []
        for (number, word) in words {
            let length = word.utf8.count
            if buckets.count <= length { buckets += Array(repeating: Bucket(), count: length + 1 - buckets.count) }
            buckets[length].numbers.append(number)
            buckets[length].masks.append(Self.mask(word.utf8))
            buckets[length].bytes.append(contentsOf: word.utf8)
        }
        self.buckets = buckets
    }

    /// Calls `body` with the number and bytes of every word within one edit of `word`, itself included.
    func forEach(
        near word: UnsafeBufferPointer<UInt8>, _ body: (_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let mask = Self.mask(word)
        for length in max(0, word.count - 1)...(word.count + 1) where length < buckets.count {
            let bucket = buckets[length]
            bucket.bytes.withUnsafeBufferPointer { bytes in
                for (slot, candidateMask) in bucket.masks.enumerated()
                where (mask ^ candidateMask).nonzeroBitCount <= 2 {
                    let start = slot * length
                    let candidate = UnsafeBufferPointer(rebasing: bytes[start..<(start + length)])
                    if EditDistance.isWithinOne(word, candidate) { body(bucket.numbers[slot], candidate) }
                }
            }
        }
    }

    /// One bit per byte value present (its low six bits). An edit changes at most two bits: a substitution can take
    /// away one letter and bring one, an insertion or a deletion brings or takes one, a swap changes none.
    static func mask(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 | (1 << UInt64($1 & 63)) }
    }
}
