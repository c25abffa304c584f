/// One Docker Compose file of the project and the services it defines.
public struct ComposeFile: Sendable, Hashable {
    /// The path as docker compose takes it: relative to the working directory.
    public var path: String
    /// The file's top-level `name:` (the compose project name), if set.
    public var name: String?
    /// Its services, in file order.
    public var services: [Service]

    public struct Service: Sendable, Hashable {
        public var name: String
        /// `image:`, if given (`postgres:16-alpine`).
        public var image: String?

        public init(name: String, image: String? = nil) {
            self.name = name
            self.image = image
        }

        /// The product an image or name denotes: `bitnami/redis:7` → `redis`, `postgres:16-alpine` → `postgres`.
        var product: String? {
            guard let image else { return nil }
            let last = image.split(separator: "/").last.map(String.init) ?? image
            return last.split(separator: ":").first.map { String($0).lowercased() }
        }

        /// Whether it is a database or a broker kept beside the apps ("start the databases").
        public var isDatabase: Bool {
            let words = [name.lowercased(), product].compactMap { $0 }
            return words.contains { word in ComposeFile.databaseProducts.contains { word == $0 || word.hasPrefix($0) } }
        }

        /// Whether a word names it: its name, or the product of its image ("postgres" for service `db`).
        public func isNamed(_ word: String) -> Bool {
            let word = word.lowercased()
            return name.lowercased() == word || product == word
                || ComposeFile.productAliases[word].map { $0 == product || $0 == name.lowercased() } == true
        }
    }

    public init(path: String, name: String? = nil, services: [Service]) {
        self.path = path
        self.name = name
        self.services = services
    }

    /// The services that are databases or brokers.
    public var databaseServices: [Service] { services.filter(\.isDatabase) }

    /// Whether a word narrows to this file: a word of its path or of its project name ("srvthreds", "todo").
    public func isNarrowed(by word: String) -> Bool {
        let word = word.lowercased()
        let separators: Set<Character> = ["/", "-", "_", "."]
        let words = (path.split(separator: "/").map(String.init) + [name].compactMap { $0 }).flatMap { part in
            [part.lowercased()] + part.lowercased().split(whereSeparator: { separators.contains($0) }).map(String.init)
        }
        return words.contains(word)
    }

    /// Images (or service names) that are databases and brokers, by product name.
    static let databaseProducts = [
        "mongo", "redis", "postgres", "mysql", "mariadb", "rabbitmq", "memcached", "elasticsearch", "opensearch",
        "cassandra", "couchdb", "kafka", "zookeeper", "nats", "valkey", "keydb", "cockroach", "influxdb",
        "clickhouse", "etcd", "minio", "neo4j", "dynamodb", "localstack",
    ]

    /// Other words people use for a product.
    static let productAliases = [
        "mongodb": "mongo", "postgresql": "postgres", "pg": "postgres", "rabbit": "rabbitmq",
        "elastic": "elasticsearch",
    ]
}
