/// The catalogue as bytes, for ``CatalogCache``: the lexicon as written, every rule compiled (patterns as their
/// parsed nodes, examples with their words), and the patterns' vocabulary, so that reading it back does no YAML,
/// no pattern parsing and no gathering of words.
///
/// A frame is kept as written in its rule file and built again by ``RequestFrame``'s own initializer when read:
/// that is cheap, and it keeps this file out of the frame's way when the frame changes.
extension RuleCatalog {
    /// The bytes of a catalogue; nil when a rule's frame is not among `frames` (then it is not cached).
    /// - Parameter frames: the YAML form of every frame, by rule id.
    /// - Parameter catalog: the catalogue these rules make (its pattern filter is kept too).
    static func archive(
        rules: [IntentRule], lexicon: Lexicon, frames: [String: RuleFile.Frame], catalog: RuleCatalog
    ) -> [UInt8]? {
        var writer = ArchiveWriter()
        writer.write(lexicon.fillers)
        writer.write(lexicon.numbers.sorted { $0.key < $1.key }) { writer, entry in
            writer.write(entry.key)
            writer.write(entry.value)
        }
        writer.write(lexicon.kinds.sorted { $0.key < $1.key }) { writer, entry in
            writer.write(entry.key)
            writer.write(entry.value)
        }
        writer.write(lexicon.workloads)
        writer.write(lexicon.everyNamespace)
        writer.write(lexicon.shorthand.sorted { $0.key < $1.key }) { writer, entry in
            writer.write(entry.key)
            writer.write(entry.value)
        }

        writer.write(rules.count)
        for rule in rules {
            writer.write(rule.id)
            writer.write(rule.action)
            writer.write(rule.description)
            writer.write(rule.file)
            writer.write(rule.fallback)
            write(rule.fixedSlots, to: &writer)
            writer.write(rule.patterns) { writer, pattern in
                writer.write(pattern.source)
                write(pattern.nodes, to: &writer)
            }
            // The frame and the examples in sections of their own, read when first asked for.
            writer.write(rule.frame != nil)
            if rule.frame != nil {
                guard let frame = frames[rule.id] else { return nil }
                writer.writeSection { writer in
                    writer.write(frame.cues)
                    writer.write((frame.slots ?? [:]).sorted { $0.key < $1.key }) { writer, slot in
                        writer.write(slot.key)
                        writer.write(slot.value)
                    }
                    writer.write(frame.requires ?? [])
                    writer.write(frame.needs ?? [])
                    writer.write(frame.questions ?? false)
                    writer.write(frame.said_name ?? false)
                }
            }
            writer.writeSection { writer in
                writer.write(rule.matchExamples) { writer, example in
                    writer.write(example.request)
                    writer.write(example.intent.action)
                    write(example.intent.slots, to: &writer)
                    writer.write(example.words.sorted())
                }
                writer.write(rule.nonMatchExamples)
            }
        }
        writer.write(catalog.vocabulary.words)
        catalog.patternFilter.archive(to: &writer)
        // So that loading builds no frame: the words every frame's reading needs at once.
        let words = RuleCatalog.words(of: rules)
        writer.write(words.frameWords.sorted())
        writer.write(words.orderWords.sorted())
        return writer.bytes
    }

    /// The catalogue ``archive(rules:lexicon:frames:catalog:)`` wrote.
    static func unarchive(_ reader: inout ArchiveReader) throws(ArchiveReader.Damage) -> RuleCatalog {
        let fillers = try reader.strings()
        let numbers = try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in
            (try reader.string(), try reader.int())
        }
        let kinds = try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in
            (try reader.string(), try reader.strings())
        }
        let lexicon = Lexicon(
            fillers: fillers, numbers: Dictionary(numbers, uniquingKeysWith: { $1 }),
            kinds: Dictionary(kinds, uniquingKeysWith: { $1 }), workloads: try reader.strings(),
            everyNamespace: try reader.strings(),
            shorthand: Dictionary(
                try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in
                    (try reader.string(), try reader.string())
                }, uniquingKeysWith: { $1 }))

        let rules = try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) -> IntentRule in
            let id = try reader.string()
            let action = try reader.string()
            let description = try reader.string()
            let file = try reader.string()
            let fallback = try reader.bool()
            let fixedSlots = try slots(&reader)
            let patterns = try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in
                RulePattern(source: try reader.string(), nodes: try nodes(&reader))
            }
            let bytes = reader.bytes
            let frame: Lazy<RequestFrame?>
            if try reader.bool() {
                let section = try reader.section()
                frame = Lazy { frameSection(bytes, section) }
            } else {
                frame = Lazy(nil)
            }
            let examples = try reader.section()
            return IntentRule(
                id: id, action: action, description: description, patterns: patterns, fixedSlots: fixedSlots,
                examples: Lazy { examplesSection(bytes, examples) }, file: file, fallback: fallback, frame: frame)
        }
        let vocabulary = Vocabulary(words: try reader.strings())
        let filter = try PatternFilter.unarchive(&reader, vocabularySize: vocabulary.words.count)
        let frameWords = Set(try reader.strings())
        let orderWords = Set(try reader.strings())
        let ordered = rules.filter { !$0.fallback } + rules.filter(\.fallback)
        guard filter.entries.allSatisfy({ $0.rule < ordered.count && $0.pattern < ordered[$0.rule].patterns.count }) else {
            throw ArchiveReader.Damage()
        }
        return RuleCatalog(
            rules: rules, lexicon: lexicon, vocabulary: vocabulary, words: (frameWords, orderWords), patternFilter: filter)
    }

    // MARK: - Sections read when first asked for

    /// The frame of a section, built by ``RequestFrame``'s initializer from its YAML form. It always reads back: the
    /// file's checksum was right, and this build wrote it from a frame that built. Were it not to, the rule would
    /// have no frame, as the tests that read every section back would show.
    private static func frameSection(_ bytes: [UInt8], _ section: Range<Int>) -> RequestFrame? {
        var reader = ArchiveReader(bytes, section: section)
        do {
            let cues = try reader.strings()
            let slots = try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in
                (try reader.string(), try reader.string())
            }
            let requires = try reader.strings()
            let needs = try reader.strings()
            let questions = try reader.bool()
            let namesSaid = try reader.bool()
            guard reader.isAtEnd else { throw ArchiveReader.Damage() }
            return try RequestFrame(
                cues: cues, slots: Dictionary(slots, uniquingKeysWith: { $1 }), requires: requires, needs: needs,
                answersQuestions: questions, namesSaid: namesSaid)
        } catch {
            assertionFailure("a frame of the compiled catalogue does not read back: \(error)")
            return nil
        }
    }

    /// The examples of a section (see ``frameSection(_:_:)`` on why they always read back).
    private static func examplesSection(_ bytes: [UInt8], _ section: Range<Int>) -> IntentRule.Examples {
        var reader = ArchiveReader(bytes, section: section)
        do {
            let match = try reader.array {
                (reader: inout ArchiveReader) throws(ArchiveReader.Damage) -> IntentRule.MatchExample in
                let request = try reader.string()
                let intent = UserIntent(action: try reader.string(), slots: try slots(&reader))
                return IntentRule.MatchExample(request: request, intent: intent, words: Set(try reader.strings()))
            }
            let noMatch = try reader.strings()
            guard reader.isAtEnd else { throw ArchiveReader.Damage() }
            return IntentRule.Examples(match: match, noMatch: noMatch)
        } catch {
            assertionFailure("examples of the compiled catalogue do not read back")
            return IntentRule.Examples(match: [], noMatch: [])
        }
    }

    // MARK: - Parts

    private static func write(_ slots: [String: SlotValue], to writer: inout ArchiveWriter) {
        writer.write(slots.sorted { $0.key < $1.key }) { writer, slot in
            writer.write(slot.key)
            switch slot.value {
            case .text(let text):
                writer.write(0)
                writer.write(text)
            case .number(let number):
                writer.write(1)
                writer.write(number)
            case .list(let list):
                writer.write(2)
                writer.write(list)
            case .secret(let pairs):
                writer.write(3)
                writer.write(pairs)
            }
        }
    }

    private static func slots(_ reader: inout ArchiveReader) throws(ArchiveReader.Damage) -> [String: SlotValue] {
        let pairs = try reader.array {
            (reader: inout ArchiveReader) throws(ArchiveReader.Damage) -> (String, SlotValue) in
            let name = try reader.string()
            switch try reader.int() {
            case 0: return (name, .text(try reader.string()))
            case 1: return (name, .number(try reader.int()))
            case 2: return (name, .list(try reader.strings()))
            case 3: return (name, .secret(try reader.strings()))
            default: throw ArchiveReader.Damage()
            }
        }
        return Dictionary(pairs, uniquingKeysWith: { $1 })
    }

    private static func write(_ nodes: [RulePattern.Node], to writer: inout ArchiveWriter) {
        writer.write(nodes) { writer, node in
            switch node {
            case .words(let words):
                writer.write(0)
                writer.write(words)
            case .slot(let name, let type):
                writer.write(1)
                writer.write(name)
                writer.write(type.rawValue)
            case .group(let alternatives, let optional):
                writer.write(2)
                writer.write(alternatives) { writer, alternative in write(alternative, to: &writer) }
                writer.write(optional)
            }
        }
    }

    private static func nodes(_ reader: inout ArchiveReader) throws(ArchiveReader.Damage) -> [RulePattern.Node] {
        try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) -> RulePattern.Node in
            switch try reader.int() {
            case 0:
                return .words(try reader.strings())
            case 1:
                let name = try reader.string()
                guard let type = SlotType(rawValue: try reader.string()) else { throw ArchiveReader.Damage() }
                return .slot(name: name, type: type)
            case 2:
                let alternatives = try reader.array { (reader: inout ArchiveReader) throws(ArchiveReader.Damage) in
                    try nodes(&reader)
                }
                return .group(alternatives: alternatives, optional: try reader.bool())
            default:
                throw ArchiveReader.Damage()
            }
        }
    }
}
