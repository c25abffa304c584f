import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The compiled rule catalogue, kept in the user's cache folder, so that starting kagent neither parses YAML nor
/// compiles patterns: one file per rules folder's contents and build of kagent (`catalogue-KEY.bin`).
///
/// The key hashes every `.yaml` file of the rules folder, name and bytes, so a rule file changed, added or removed
/// is a new key; and the running executable (size, modification time, inode), because a rebuilt kagent may compile
/// the same YAML differently. The file carries a checksum of what follows its header: a file that does not read
/// back whole (cut short, damaged, of another format) is ignored, and the catalogue is compiled and stored again.
struct CatalogCache: Sendable {
    /// The layout of the file; a change of layout changes it.
    static let format = 2
    static let magic = Array("kagent rule catalogue\n".utf8)
    /// Files of other keys kept beside the current one: another build of kagent (debug and release, an installed
    /// copy) may use the same cache folder.
    static let keptOthers = 3

    let directory: URL

    /// The key of a rules folder's files for this build of kagent; nil when the running executable cannot be
    /// identified (then nothing is cached).
    /// - Parameter files: every `.yaml` file of the folder, in name order, with its bytes.
    static func key(files: [(name: String, contents: [UInt8])]) -> String? {
        guard let build = buildIdentity() else { return nil }
        var hash = ContentHash()
        hash.add(format)
        hash.add(build)
        hash.add(files.count)
        for file in files {
            hash.add(file.name)
            hash.add(file.contents.count)
            hash.add(file.contents)
        }
        return String(hash.value, radix: 16)
    }

    /// The running executable's size, modification time and inode.
    static func buildIdentity() -> String? {
        #if os(Linux)
            let path = "/proc/self/exe"
        #else
            guard let path = Bundle.main.executablePath else { return nil }
        #endif
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let modified = info.st_mtimespec
        #else
            let modified = info.st_mtim
        #endif
        return "\(info.st_size) \(modified.tv_sec).\(modified.tv_nsec) \(info.st_dev) \(info.st_ino)"
    }

    func file(for key: String) -> URL {
        directory.appendingPathComponent("catalogue-\(key).bin")
    }

    /// The catalogue stored under `key`, if there is one and it reads back whole.
    func read(key: String) -> RuleCatalog? {
        guard let bytes = FileBytes.contents(of: directory.path + "/catalogue-\(key).bin") else { return nil }
        var reader = ArchiveReader(bytes)
        do {
            guard try reader.take(Self.magic.count).elementsEqual(Self.magic), try reader.int() == Self.format,
                try reader.string() == key
            else { return nil }
            let checksum = try reader.int()
            let payload = reader.offset
            var hash = ContentHash()
            hash.add(try reader.take(bytes.count - payload))
            guard Int(truncatingIfNeeded: hash.value) == checksum else { return nil }
            reader = ArchiveReader(bytes, from: payload)
            let catalog = try RuleCatalog.unarchive(&reader)
            return reader.isAtEnd ? catalog : nil
        } catch {
            return nil
        }
    }

    /// Stores a catalogue's bytes (``RuleCatalog/archive(rules:lexicon:frames:catalog:)``) under `key`. Failing to store
    /// is not an error: the next process compiles the YAML again.
    func write(_ payload: [UInt8], key: String) {
        var header = ArchiveWriter()
        header.append(Self.magic)
        header.write(Self.format)
        header.write(key)
        var hash = ContentHash()
        hash.add(payload)
        header.write(Int(truncatingIfNeeded: hash.value))
        let fileManager = FileManager.default
        try? fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        // A temporary name and a rename: a process reading at the same time sees the old file or the new one.
        let temporary = directory.appendingPathComponent(".catalogue-\(UUID().uuidString).tmp")
        guard (try? Data(header.bytes + payload).write(to: temporary)) != nil else { return }
        let target = file(for: key)
        if rename(temporary.path, target.path) != 0 {
            try? fileManager.removeItem(at: temporary)
            return
        }
        // The oldest files of other keys go.
        let others = ((try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("catalogue-") && $0.hasSuffix(".bin") && $0 != target.lastPathComponent }
            .map { directory.appendingPathComponent($0) }
            .map { url in
                (url, (try? fileManager.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast)
            }
            .sorted { $0.1 > $1.1 }
        for (url, _) in others.dropFirst(Self.keptOthers) { try? fileManager.removeItem(at: url) }
    }
}
