/// The words of every match example, numbered once when the catalogue is built, so that ranking the examples
/// against a request (``RuleCatalog/suggestions(for:limit:)``) scores each distinct word once, not once per example.
struct SuggestionIndex: Sendable {
    /// Every distinct word of the examples, and its number.
    let numbers: [String: Int]
    /// The words of four characters or more, the only ones a typo can stand for.
    let long: NearWords
    /// Every example of every rule, in catalogue order: its request and the numbers of its words.
    let examples: [(request: String, words: [Int])]

    init(rules: [IntentRule]) {
        var numbers: [String: Int] = [:]
        var long: [(number: Int, word: String)] = []
        var examples: [(request: String, words: [Int])] = []
        for rule in rules {
            for example in rule.matchExamples {
                let words = example.words.map { word in
                    if let number = numbers[word] { return number }
                    let number = numbers.count
                    numbers[word] = number
                    if word.count >= 4 { long.append((number, word)) }
                    return number
                }
                examples.append((example.request, words))
            }
        }
        self.numbers = numbers
        self.long = NearWords(long)
        self.examples = examples
    }
}
