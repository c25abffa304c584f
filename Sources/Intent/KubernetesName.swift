/// Kubernetes' rules for object names, checked before a name is placed into any command.
public enum KubernetesName {
    /// A DNS-1123 label: namespaces, services, and most names kagent handles.
    /// Lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.
    public static func labelProblem(_ name: String) -> String? {
        if name.isEmpty { return "a name cannot be empty" }
        if name.count > 63 { return "names are at most 63 characters (this one has \(name.count))" }
        return commonProblem(name, allowDots: false)
    }

    /// A DNS-1123 subdomain: deployment, statefulset and configmap names may also contain dots, up to 253 characters.
    public static func subdomainProblem(_ name: String) -> String? {
        if name.isEmpty { return "a name cannot be empty" }
        if name.count > 253 { return "names are at most 253 characters (this one has \(name.count))" }
        return commonProblem(name, allowDots: true)
    }

    private static func commonProblem(_ name: String, allowDots: Bool) -> String? {
        if name.hasPrefix("-") { return "names cannot start with '-'" }
        let allowed = allowDots ? "lower-case letters, digits, '-' and '.'" : "lower-case letters, digits and '-'"
        for scalar in name.unicodeScalars {
            let ok =
                ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
                || (allowDots && scalar == ".")
            if !ok { return "names may contain only \(allowed); '\(scalar)' is not allowed" }
        }
        guard let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
            first.properties.isAlphabetic || ("0"..."9").contains(first),
            last.properties.isAlphabetic || ("0"..."9").contains(last)
        else { return "names must start and end with a letter or digit" }
        return nil
    }
}
