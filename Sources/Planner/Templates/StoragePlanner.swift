import Intent

/// Plans `create_pvc` (a PersistentVolumeClaim of a size, on a storage class, for one node or shared) and `resize_pvc`
/// (a claim grown to a larger size).
///
/// A claim never shrinks, and grows only when its StorageClass says `allowVolumeExpansion: true`: both are read while
/// planning (``ClusterFieldReader``), and a request the API server would refuse is said plainly with nothing planned.
/// A reader without fields (the corpus's fixture cluster) plans without them, and the plan says what was not checked.
/// Growing cannot be undone: the plan says so before it runs.
struct StoragePlanner: ActionPlanner {
    let actions = ["create_pvc", "resize_pvc"]
    /// The annotations that mark a StorageClass as the cluster's default (the beta one on old clusters).
    static let defaultClassAnnotations = [
        "storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class",
    ]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        intent.action == "create_pvc"
            ? try await create(intent, request: request, context: context)
            : try await resize(intent, request: request, context: context)
    }

    // MARK: - Creating

    private func create(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let said = intent.text("size") else {
            throw .invalidValue(
                slot: "size", value: "", reason: "say how much storage, for example: create a 5Gi pvc called data in shop")
        }
        let size = try Self.size(said)
        if intent["shared"] != nil, intent["once"] != nil {
            throw .invalidValue(
                slot: "access", value: "",
                reason: "say one access mode: shared (ReadWriteMany, pods on several nodes) or ReadWriteOnce (one node)")
        }
        let mode = intent["shared"] != nil ? "ReadWriteMany" : "ReadWriteOnce"
        let name = try PlanningContext.newName(intent, default: "data", example: "create a 5Gi pvc called data in shop")
        let namespace = try await context.creationNamespace(of: intent)
        var notes: [String] = []
        let storageClass = try await Self.storageClass(said: intent.text("storage_class"), context: context, notes: &notes)
        if mode == "ReadWriteMany" {
            notes.append(
                "ReadWriteMany needs a storage class whose volumes can be shared (NFS, CephFS, cloud file storage); "
                    + "a block-storage class leaves the claim Pending")
        }
        var spec: [(String, Manifest?)] = [("accessModes", [.string(mode)])]
        spec.append(("storageClassName", storageClass.map(Manifest.string)))
        spec.append(("resources", ["requests": ["storage": .string(size)]]))
        let what = "persistent volume claim \(name) in \(namespace)"
        let object = NewObject(
            kind: "persistentvolumeclaim", name: name, namespace: namespace,
            manifest: [
                "apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": NewObject.metadata(name: name, namespace: namespace), "spec": .fields(spec),
            ],
            check: (
                "{{.spec.resources.requests.storage}} {{range .spec.accessModes}}{{.}}{{end}}"
                    + (storageClass == nil ? "" : " {{.spec.storageClassName}}"),
                "\(LimitsPlanner.canonical(size)) \(mode)" + (storageClass.map { " \($0)" } ?? "")
            ),
            what: what)
        return try await context.creationPlan(
            [object], intent: intent, request: request, notes: notes,
            outcome: "created \(what), asking for \(size) (\(mode)"
                + (storageClass.map { ", storage class \($0)" } ?? "") + "); it is bound once a volume is provisioned "
                + "for it (some classes wait for the first pod that mounts it)")
    }

    /// The class a new claim names: the one said (which the cluster must have), else the cluster's default one, else
    /// none; the note says which.
    static func storageClass(said: String?, context: PlanningContext, notes: inout [String]) async throws(PlannerError)
        -> String?
    {
        guard let cluster = context.cluster else {
            if let said { return said }
            notes.append("the cluster's storage classes were not read: with none said, its default class, if any, is used")
            return nil
        }
        let classes = try await cluster.objects(kinds: ["storageclass"], namespace: nil)
        if let said {
            guard classes.contains(where: { $0.name == said }) else {
                throw .notFound(
                    kind: "storageclass", name: said, namespace: nil,
                    nearby: classes.map(\.name).filter { EditDistance.isWithinOne($0, said) } + classes.prefix(3).map(\.name))
            }
            return said
        }
        let defaults = classes.filter { object in
            defaultClassAnnotations.contains { object.annotations[$0] == "true" }
        }
        if defaults.count == 1, let only = defaults.first {
            notes.append("no storage class said: the cluster's default, \(only.name), provisions it")
            return only.name
        }
        let names = classes.map(\.name).joined(separator: ", ")
        if defaults.count > 1 {
            notes.append(
                "no storage class said, and the cluster marks several as default (\(defaults.map(\.name).joined(separator: ", "))): "
                    + "the claim names none; say one ('on storage class NAME') to choose")
        } else {
            notes.append(
                "no storage class said and the cluster has no default one: the claim names none and waits (Pending) for "
                    + "a PersistentVolume made by hand"
                    + (classes.isEmpty ? "" : "; its classes: \(names) ('on storage class NAME')"))
        }
        return nil
    }

    /// An amount of storage as the API server takes it (`5Gi`, `500Mi`); CPU's `500m` or a bare number is refused.
    static func size(_ said: String) throws(PlannerError) -> String {
        guard let value = SlotParsing.memory(said), bytes(value) != nil else {
            throw .invalidValue(slot: "size", value: said, reason: "storage is an amount with its unit: 5Gi, 500Mi")
        }
        return value
    }

    /// The bytes a quantity stands for (`10Gi`, `1G`, `1.5Ti`, `1048576`); nil when it is no amount of bytes.
    static func bytes(_ quantity: String) -> Double? {
        let units: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
            ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976), ("k", 1e3), ("K", 1e3), ("M", 1e6),
            ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
        ]
        for (unit, factor) in units where quantity.hasSuffix(unit) {
            return Double(quantity.dropLast(unit.count)).map { $0 * factor }
        }
        return Double(quantity)
    }

    // MARK: - Growing

    private func resize(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let name = intent.text("name"), let said = intent.text("size") else {
            throw .invalidValue(
                slot: "size", value: "", reason: "say which claim and its new size, for example: resize pvc data to 20Gi")
        }
        let size = try Self.size(said)
        let resolved = try await context.resolve(name, kinds: ["persistentvolumeclaim"], for: intent)
        let claim = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        if let reader = context.cluster as? any ClusterFieldReader {
            try await Self.checkGrowth(of: claim, to: size, reader: reader)
        } else {
            notes.append(
                "the claim's current size and whether its storage class allows expansion were not read while planning; "
                    + "the API server refuses a smaller size, and a class without allowVolumeExpansion")
        }
        let scope = context.namespaceArguments(for: claim)
        let patch = #"{"spec":{"resources":{"requests":{"storage":"\#(size)"}}}}"#
        let arguments = ["patch", "pvc/\(claim.name)"] + scope + ["--type=merge", "--patch=\(patch)"]
        let change = PlanStep(
            argv: context.kubectl(arguments), mutating: true, summary: "grow \(claim.displayName) to \(size)",
            validationArgv: context.kubectl(arguments + ["--dry-run=server"]), timeoutSeconds: 30
        ).irreversible("a persistent volume claim cannot shrink: \(claim.name) stays at \(size) or more")
        let check = PlanStep(
            argv: context.kubectl(
                ["get", "pvc/\(claim.name)"] + scope + ["--output=jsonpath={.spec.resources.requests.storage}"]),
            mutating: false, summary: "check that \(claim.displayName) asks for \(size)",
            expectation: .outputEquals(LimitsPlanner.canonical(size)), timeoutSeconds: 30)
        notes.append(
            "the volume grows when its storage driver resizes it; some drivers finish only when a pod next mounts it "
                + "(kubectl describe pvc/\(claim.name) shows the conditions)")
        return ExecutionPlan(
            request: request, intents: [intent], steps: [change, check], notes: notes,
            outcome: "\(claim.displayName) now asks for \(size); the volume grows as its driver resizes it",
            subjects: [claim])
    }

    /// Refuses, with the reason, a size that is not larger than the claim's, and a claim whose storage class does not
    /// allow expansion (or that has none).
    static func checkGrowth(of claim: ClusterObject, to size: String, reader: any ClusterFieldReader)
        async throws(PlannerError)
    {
        let fields = try await reader.field(
            #"{.spec.resources.requests.storage}{"\t"}{.spec.storageClassName}"#, of: claim
        ).split(separator: "\t", omittingEmptySubsequences: false).map {
            String($0.filter { !$0.isWhitespace })
        }
        let current = fields.first ?? ""
        let className = fields.count > 1 ? fields[1] : ""
        if let now = bytes(current), let wanted = bytes(size), wanted <= now {
            throw .invalidValue(
                slot: "size", value: size,
                reason: wanted == now
                    ? "\(claim.displayName) asks for \(current) already; nothing to do"
                    : "\(claim.displayName) asks for \(current); a claim can only grow, never shrink (to get a smaller "
                        + "one, create a new claim and copy the data)")
        }
        guard !className.isEmpty else {
            throw .invalidValue(
                slot: "name", value: claim.name,
                reason: "\(claim.displayName) has no storage class, so nothing allows it to grow (only a class with "
                    + "allowVolumeExpansion: true does)")
        }
        let expansion = try await reader.field(
            "{.allowVolumeExpansion}", of: ClusterObject(kind: "storageclass", name: className, namespace: ""))
        guard expansion.filter({ !$0.isWhitespace }) == "true" else {
            throw .invalidValue(
                slot: "name", value: claim.name,
                reason: "storage class \(className) of \(claim.displayName) does not allow volume expansion "
                    + "(allowVolumeExpansion is not true), so the claim cannot grow; nothing planned")
        }
    }
}
