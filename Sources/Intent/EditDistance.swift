/// Small string distances for typo tolerance.
public enum EditDistance {
    /// Whether `a` becomes `b` by at most one insertion, deletion, substitution or swap of neighbours.
    public static func isWithinOne(_ a: String, _ b: String) -> Bool {
        // Lengths first: most words compared are of other lengths, and this needs no copy.
        if abs(a.utf8.count - b.utf8.count) > 1 { return false }
        if a == b { return true }
        var a = a, b = b
        // Native strings give their UTF-8 bytes without copying.
        return a.withUTF8 { x in b.withUTF8 { y in isWithinOne(x, y) } }
    }

    static func isWithinOne(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        if x.count == y.count {
            var first = -1, second = -1
            for index in 0..<x.count where x[index] != y[index] {
                if first < 0 {
                    first = index
                } else if second < 0 {
                    second = index
                } else {
                    return false
                }
            }
            if second < 0 { return true }
            return second == first + 1 && x[first] == y[second] && x[second] == y[first]
        }
        let (short, long) = x.count < y.count ? (x, y) : (y, x)
        var i = 0, j = 0, skipped = false
        while i < short.count && j < long.count {
            if short[i] == long[j] {
                i += 1
                j += 1
            } else {
                if skipped { return false }
                skipped = true
                j += 1
            }
        }
        return true
    }

    /// The edits between two words, a swap of neighbours counting as one ("bakcend" → "backend" is one): the
    /// optimal string alignment distance, used to rank near names ("bakend" → "backend").
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var beforePrevious = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[y.count]
    }
}
