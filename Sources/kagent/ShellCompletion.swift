@preconcurrency import CReadline
import Executors
import Foundation
import Intent
import Planner
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Tab completion in the shell: the words of the rules (actions), resource kinds, and live resource names
/// from the cluster, refreshed in the background at most every 30 seconds.
enum ShellCompletion {
    /// Words from the rules and the lexicon; set once when the shell starts.
    static let vocabulary = Mutex<[String]>([])
    /// Names of objects in the cluster, and when they were read.
    static let names = Mutex<(words: [String], read: Date?)>(([], nil))
    /// Where live names are read from (nil offline); Tab starts a refresh too when the names are stale.
    static let cluster = Mutex<(any ClusterReader)?>(nil)
    /// How long live names are reused.
    static let freshness: TimeInterval = 30

    /// The matches of the word being completed; readline's generator hands them out one call at a time.
    nonisolated(unsafe) private static var matches: [String] = []
    nonisolated(unsafe) private static var next = 0

    static func install(catalog: RuleCatalog) {
        var words: Set<String> = ["help", "exit"]
        for rule in catalog.rules {
            for example in rule.matchExamples {
                for token in RequestTokenizer.tokens(of: example.request) where token.norm.count >= 3 {
                    if token.norm.allSatisfy({ $0.isLetter }) { words.insert(token.norm) }
                }
            }
        }
        for (kind, aliases) in catalog.lexicon.kinds {
            words.insert(kind)
            words.formUnion(aliases.filter { $0.count >= 3 })
        }
        let sorted = words.sorted()
        vocabulary.withLock { $0 = sorted }
        kagent_rl_set_completion { text, _, _ in
            kagent_rl_completion_over()
            return rl_completion_matches(text) { text, state in
                if state == 0 {
                    let prefix = text.map { String(cString: $0) }?.lowercased() ?? ""
                    ShellCompletion.refresh(using: ShellCompletion.cluster.withLock { $0 })
                    ShellCompletion.matches = ShellCompletion.candidates(for: prefix)
                    ShellCompletion.next = 0
                }
                guard ShellCompletion.next < ShellCompletion.matches.count else { return nil }
                defer { ShellCompletion.next += 1 }
                return strdup(ShellCompletion.matches[ShellCompletion.next])
            }
        }
    }

    /// Words starting with the prefix: live names first, then the vocabulary.
    static func candidates(for prefix: String) -> [String] {
        let live = names.withLock { $0.words }
        let known = vocabulary.withLock { $0 }
        var seen: Set<String> = []
        return (live + known).filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }
    }

    /// Sets the cluster names are read from (it follows the shell's context) and refreshes them if stale.
    static func use(_ reader: (any ClusterReader)?) {
        cluster.withLock { $0 = reader }
        refresh(using: reader)
    }

    /// Re-reads the cluster's names if they are older than ``freshness``; runs in the background.
    static func refresh(using cluster: (any ClusterReader)?) {
        guard let cluster else { return }
        let stale = names.withLock { state in
            guard let read = state.read, Date().timeIntervalSince(read) < freshness else {
                state.read = Date()  // one refresh at a time
                return true
            }
            return false
        }
        guard stale else { return }
        Task.detached(priority: .utility) {
            let kinds = ["deployment", "statefulset", "service", "pod", "namespace", "node", "configmap", "job"]
            guard let objects = try? await cluster.objects(kinds: kinds, namespace: nil) else {
                names.withLock { $0.read = nil }  // a failed read is tried again at the next prompt or Tab
                return
            }
            let words = Array(Set(objects.map(\.name))).sorted()
            names.withLock { $0 = (words, Date()) }
        }
    }
}
