/// Amounts of CPU and memory said with what they are for: "default limit cpu 500m memory 512Mi, default request
/// cpu 100m", "128Mi memory request and 256Mi memory limit", "max cpu 2 memory 2Gi", "cpu min 50m max 2".
///
/// Each amount is read beside its resource word (before or after it); what it is for is the nearest word for it
/// (limit, request, max, min) in its clause: before it, else after it, else a limit.
enum LimitAmounts {
    /// The sections a LimitRange item has, by the words that name them.
    static let sections: [String: String] = [
        "limit": "default", "limits": "default", "request": "defaultRequest", "requests": "defaultRequest",
        "max": "max", "maximum": "max", "min": "min", "minimum": "min", "most": "max", "least": "min",
        "cap": "default", "caps": "default", "ceiling": "max", "floor": "min",
    ]
    static let resources: [String: String] = ["cpu": "cpu", "cpus": "cpu", "memory": "memory", "mem": "memory", "ram": "memory"]

    /// `section.resource=amount` entries ("default.memory=512Mi") and the words they used; nil when no amount was read.
    static func read(_ tokens: [RequestToken], claimed: [Bool]) -> (entries: [String], used: [Int])? {
        enum Item { case section(String), resource(String), amount(String) }
        var items: [(index: Int, item: Item, clause: Int)] = []
        var clause = 0
        // A frame may have read the words for what amounts are for as its cues: those count; amounts must be free.
        for (index, token) in tokens.enumerated() where !token.quoted {
            if let section = sections[token.norm] {
                items.append((index, .section(section), clause))
            } else if let resource = resources[token.norm]
                ?? (token.norm.count >= 6 && EditDistance.isWithinOne(token.norm, "memory") ? "memory" : nil)
            {
                items.append((index, .resource(resource), clause))
            } else if !claimed[index], token.norm.first?.isNumber == true, let amount = SlotParsing.quantity(token.text) {
                items.append((index, .amount(amount), clause))
            }
            if token.endsClause { clause += 1 }
        }
        // Pairs of a resource and its amount, next to each other (in either order).
        var pairs: [(resource: String, amount: String, at: Int, clause: Int, used: [Int])] = []
        var position = 0
        while position + 1 < items.count {
            let first = items[position]
            // "memory limit of 512Mi": words for what it is for may stand between a resource and its amount.
            var next = position + 1
            if case .resource = first.item {
                while next + 1 < items.count, case .section = items[next].item { next += 1 }
            }
            let second = items[next]
            switch (first.item, second.item) {
            case (.resource(let resource), .amount(let amount)), (.amount(let amount), .resource(let resource)):
                pairs.append((resource, amount, first.index, second.clause, [first.index, second.index]))
                position = next + 1
            case (.amount(let amount), _) where pairs.last != nil:
                // "cpu min 50m max 2", "memory limit 256Mi and default request 64Mi": an amount alone is for the
                // resource said just before.
                if let resource = pairs.last?.resource {
                    pairs.append((resource, amount, first.index, first.clause, [first.index]))
                }
                position += 1
            default:
                position += 1
            }
        }
        if let last = items.last, case .amount(let amount) = last.item, let previous = pairs.last,
            !previous.used.contains(last.index)
        {
            pairs.append((previous.resource, amount, last.index, last.clause, [last.index]))
        }
        // Amounts with no word for what they are ("64Mi memory and 50m cpu") are no limit range: not guessed.
        guard !pairs.isEmpty, items.contains(where: { if case .section = $0.item { true } else { false } }) else {
            return nil
        }
        let sectionItems = items.compactMap { item -> (index: Int, section: String, clause: Int)? in
            if case .section(let section) = item.item { return (item.index, section, item.clause) }
            return nil
        }
        var entries: [String] = []
        var used: [Int] = sectionItems.map(\.index)
        for pair in pairs {
            // The last section word before the pair in its clause, or since the last pair; else the next one.
            // The nearest word for it in its clause ("500m CPU and 512Mi memory limit", "128Mi memory request and
            // 256Mi memory limit"), the one before on a tie; else the last one said before it.
            let start = pair.used.min() ?? pair.at, end = pair.used.max() ?? pair.at
            func distance(_ index: Int) -> Int { index < start ? start - index : index > end ? index - end : 0 }
            let nearest = sectionItems.filter { $0.clause == pair.clause }
                .min { (distance($0.index), $0.index > end ? 1 : 0) < (distance($1.index), $1.index > end ? 1 : 0) }
            let earlier = sectionItems.last { $0.index < pair.at }
            guard let section = nearest?.section ?? earlier?.section else { return nil }
            entries.append("\(section).\(pair.resource)=\(pair.amount)")
            used += pair.used
        }
        return (entries, used)
    }
}
