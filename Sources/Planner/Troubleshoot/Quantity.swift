/// Kubernetes memory quantities ("256Mi", "1G", "512000000"), as bytes and back.
enum Quantity {
    static let units: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("k", 1000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000),
    ]

    static func bytes(_ text: String) -> Double? {
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(text)
    }

    /// Bytes as whole Mi (rounded up).
    static func mebibytes(_ bytes: Double) -> String {
        "\(Int((bytes / 1_048_576).rounded(.up)))Mi"
    }
}
