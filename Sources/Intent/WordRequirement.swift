/// The words a match of a pattern needs, as a formula over word ids (``Vocabulary``): every node of a sequence,
/// one word of a words node, one alternative of a group that is not optional. Slots and optional groups need
/// nothing. Looser than the match itself, never stricter: a pattern whose formula fails cannot match
/// (``PatternFilter``); one whose formula holds is tried.
indirect enum WordRequirement: Sendable {
    /// One of these words.
    case anyWord([Int])
    /// Each of these.
    case all([WordRequirement])
    /// One of these.
    case anyOf([WordRequirement])

    /// The requirement of a sequence of nodes; nil when it needs no word.
    static func of(_ nodes: [RulePattern.Node], ids: (String) -> Int?) -> WordRequirement? {
        let parts = nodes.compactMap { node -> WordRequirement? in
            switch node {
            case .words(let words):
                return .anyWord(words.compactMap(ids))
            case .slot:
                return nil
            case .group(let alternatives, let optional):
                guard !optional else { return nil }
                var each: [WordRequirement] = []
                for alternative in alternatives {
                    // An alternative that needs no word: the group needs none.
                    guard let requirement = of(alternative, ids: ids) else { return nil }
                    each.append(requirement)
                }
                return each.count == 1 ? each[0] : .anyOf(each)
            }
        }
        if parts.isEmpty { return nil }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    /// Whether the words of a request (``WordIndex/present``) meet it.
    func isMet(by present: WordSet) -> Bool {
        switch self {
        case .anyWord(let ids): ids.contains(where: present.contains)
        case .all(let parts): parts.allSatisfy { $0.isMet(by: present) }
        case .anyOf(let parts): parts.contains { $0.isMet(by: present) }
        }
    }

    /// Writes what ``unarchive(_:)`` reads back.
    func archive(to writer: inout ArchiveWriter) {
        switch self {
        case .anyWord(let ids):
            writer.write(0)
            writer.write(ids) { $0.write($1) }
        case .all(let parts):
            writer.write(1)
            writer.write(parts) { writer, part in part.archive(to: &writer) }
        case .anyOf(let parts):
            writer.write(2)
            writer.write(parts) { writer, part in part.archive(to: &writer) }
        }
    }

    /// The requirement ``archive(to:)`` wrote.
    static func unarchive(_ reader: inout ArchiveReader) throws(ArchiveReader.Damage) -> WordRequirement {
        switch try reader.int() {
        case 0: return .anyWord(try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in try reader.int() })
        case 1: return .all(try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in try unarchive(&reader) })
        case 2: return .anyOf(try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in try unarchive(&reader) })
        default: throw ArchiveReader.Damage()
        }
    }
}
