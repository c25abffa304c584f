// kubectl's commands as kagent checks them (https://kubernetes.io/docs/reference/kubectl/generated/).
// Commands that only read take any option; changing ones take the options listed, so a typo'd or invented
// option on them ("--force-all") makes the line English rather than a command.

extension CommandSyntax {
    /// kubectl: `get pods -n shop`, `rollout restart deploy/web`, `set image deploy/web web=nginx:1.25`.
    public static let kubectl = CommandSyntax(
        tool: "kubectl", commands: KubectlTable.commands,
        globalOptions: [
            "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "--request-timeout", "--as",
            "--as-group", "--as-uid", "--server", "--insecure-skip-tls-verify", "--tls-server-name",
            "--certificate-authority", "--client-certificate", "--client-key", "--token", "--v", "--vmodule",
            "--warnings-as-errors", "--match-server-version", "--cache-dir", "--disable-compression", "--help",
            "--all-namespaces",
        ],
        valueOptions: [
            "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "--request-timeout", "--as",
            "--as-group", "--as-uid", "--server", "--token", "--certificate-authority", "--client-certificate",
            "--client-key", "--cache-dir", "--tls-server-name", "--output", "--selector", "--field-selector",
            "--filename", "--kustomize", "--container", "--containers", "--tail", "--since", "--since-time",
            "--image", "--replicas", "--current-replicas", "--port", "--target-port", "--type", "--to-revision",
            "--revision", "--timeout", "--sort-by", "--label-columns", "--template", "--name", "--protocol",
            "--external-ip", "--load-balancer-ip", "--cluster-ip", "--env", "--from", "--from-file",
            "--from-env-file", "--from-literal", "--labels", "--grace-period", "--cascade", "--for", "--field-manager",
            "--patch", "--patch-file", "--limits", "--requests", "--max", "--min", "--cpu-percent", "--cpu",
            "--memory", "--resource-version", "--overrides", "--override-type", "--restart", "--schedule", "--role",
            "--clusterrole", "--verb", "--resource", "--resource-name", "--serviceaccount", "--group", "--subresource",
            "--chunk-size", "--max-log-requests", "--limit-bytes", "--pod-running-timeout", "--address",
            "--session-affinity", "--pod-selector", "--skip-wait-for-delete-timeout", "--image-pull-policy",
            "--annotations", "--prefix", "--keys", "--raw", "--tcp", "--node-port", "--external-name", "--rule",
            "--class", "--annotation", "--default-backend", "--hard", "--scopes", "--value", "--min-available",
            "--max-unavailable", "--duration", "--audience", "--target", "--profile", "--copy-to", "--set-image",
            "--cert", "--key", "--docker-server", "--docker-username", "--docker-email", "--docker-password",
            "--retries", "--prune-allowlist", "--accept-hosts", "--api-prefix", "--www", "--custom", "--url",
            "--output-patch",
        ],
        shortValues: ["n", "o", "c", "l", "f", "k", "L", "s"],
        selectors: ["-f", "--filename", "-k", "--kustomize", "-l", "--selector", "--all", "--field-selector", "--raw"]
    )

    /// kubectl's resources that the lexicon does not name (the lexicon holds the ones requests talk about).
    static let otherKinds: Set<String> = [
        "crd", "crds", "customresourcedefinition", "customresourcedefinitions", "role", "roles", "rolebinding",
        "rolebindings", "clusterrole", "clusterroles", "clusterrolebinding", "clusterrolebindings",
        "networkpolicy", "networkpolicies", "netpol", "poddisruptionbudget", "poddisruptionbudgets", "pdb",
        "pdbs", "limitrange", "limitranges", "limits", "resourcequota", "resourcequotas", "quota", "lease",
        "leases", "endpointslice", "endpointslices", "priorityclass", "priorityclasses", "pc", "csr",
        "certificatesigningrequest", "certificatesigningrequests", "componentstatuses", "cs",
        "mutatingwebhookconfigurations", "validatingwebhookconfigurations", "apiservices", "runtimeclasses",
        "volumeattachments", "csidrivers", "csinodes", "podtemplates", "replicationcontrollers", "rc",
        "controllerrevisions", "deploy", "volumesnapshots",
    ]
}

/// The rows of kubectl's table.
private enum KubectlTable {
    // MARK: - Argument arrangements

    /// `TYPE NAME` or `TYPE/NAME`: one object.
    static let object: [[Positional]] = [[.one(.kinds), .one(.name)], [.one(.typeName)]]
    /// `TYPE NAME…` or `TYPE/NAME…`: named objects.
    static let objects: [[Positional]] = [[.one(.kinds), .some(.name)], [.some(.typeName)]]
    /// With `-f`, `-l` or `--all`: nothing, or just the kind.
    static let chosen: [[Positional]] = [[], [.one(.kinds)]]
    /// Options of most changing commands.
    static let changing: Set<String> = [
        "--dry-run", "--field-manager", "--output", "--template", "--show-managed-fields",
        "--allow-missing-template-keys", "--record", "--validate", "--filename", "--recursive", "--kustomize",
        "--selector", "--all", "--local", "--field-selector", "--wait", "--timeout",
    ]

    static func changing(_ more: Set<String>) -> Set<String> { changing.union(more) }

    // MARK: - Commands

    static let commands: [String: CommandForm] = {
        var table: [String: CommandForm] = [
            // Reading: any option.
            "get": CommandForm([[.one(.kinds), .many(.name)], [.some(.typeName)]], selected: [[]]),
            "describe": CommandForm([[.one(.kinds), .many(.name)], [.some(.typeName)]], selected: [[]]),
            "logs": CommandForm(
                [[.one(.name), .optional(.name)], [.one(.typeName), .optional(.name)]], selected: [[]],
                shortValues: ["n", "c", "l", "s"]),
            "explain": CommandForm([[.one(.word)]]),
            "api-resources": .bare, "api-versions": .bare, "version": .bare, "events": .bare,
            "cluster-info": CommandForm(subcommands: ["dump": .bare], forms: [[]]),
            "diff": CommandForm([], selected: [[]], required: ["-f", "--filename", "-k", "--kustomize"]),
            "top": CommandForm(subcommands: top),
            "config": CommandForm(subcommands: config),
            "auth": CommandForm(subcommands: [
                "can-i": CommandForm([[], [.one(.word), .one(.word), .optional(.word)]]),
                "whoami": .bare,
                "reconcile": CommandForm(
                    [], selected: [[]], options: changing(["--remove-extra-permissions", "--remove-extra-subjects"])),
            ]),
            "kustomize": CommandForm([[.optional(.word)]]),

            // Changing: the options listed.
            "apply": CommandForm(
                [], selected: [[]],
                options: changing([
                    "--prune", "--prune-allowlist", "--server-side", "--force-conflicts", "--force", "--grace-period",
                    "--overwrite", "--cascade", "--openapi-patch", "--save-config", "--subresource",
                ]),
                required: ["-f", "--filename", "-k", "--kustomize"]),
            "create": CommandForm(
                subcommands: create, selected: [[]],
                options: changing(["--save-config", "--raw", "--edit", "--windows-line-endings"]),
                required: ["-f", "--filename", "-k", "--kustomize"]),
            "delete": CommandForm(
                objects, selected: chosen + [[.one(.kinds), .some(.name)]],
                options: changing([
                    "--cascade", "--grace-period", "--now", "--force", "--ignore-not-found", "--raw", "--interactive",
                ])),
            "edit": CommandForm(
                object, selected: [[]],
                options: changing(["--output-patch", "--save-config", "--windows-line-endings", "--subresource"])),
            "patch": CommandForm(
                object, selected: [[]], options: changing(["--patch", "--patch-file", "--type", "--subresource"]),
                shortValues: ["n", "o", "c", "l", "f", "k", "p", "s"], required: ["-p", "--patch", "--patch-file"]),
            "replace": CommandForm(
                [], selected: [[]],
                options: changing(["--force", "--cascade", "--grace-period", "--save-config", "--subresource", "--raw"]
                ),
                required: ["-f", "--filename", "-k", "--kustomize"]),
            "scale": CommandForm(
                objects, selected: chosen,
                options: changing(["--replicas", "--current-replicas", "--resource-version"]),
                required: ["--replicas"]),
            "autoscale": CommandForm(
                object, selected: [[]],
                options: changing(["--min", "--max", "--cpu-percent", "--cpu", "--memory", "--name", "--save-config"]),
                required: ["--max"]),
            "label": CommandForm(
                [[.one(.kinds), .some(.name), .some(.pairOrRemoval)], [.some(.typeName), .some(.pairOrRemoval)]],
                selected: [[.some(.pairOrRemoval)], [.one(.kinds), .some(.pairOrRemoval)]],
                options: changing(["--overwrite", "--list", "--resource-version"])),
            "annotate": CommandForm(
                [[.one(.kinds), .some(.name), .some(.pairOrRemoval)], [.some(.typeName), .some(.pairOrRemoval)]],
                selected: [[.some(.pairOrRemoval)], [.one(.kinds), .some(.pairOrRemoval)]],
                options: changing(["--overwrite", "--list", "--resource-version"])),
            "expose": CommandForm(
                object, selected: [[]],
                options: changing([
                    "--port", "--target-port", "--type", "--name", "--protocol", "--external-ip", "--load-balancer-ip",
                    "--cluster-ip", "--labels", "--session-affinity", "--override-type", "--overrides", "--save-config",
                ])),
            "run": CommandForm(
                [[.one(.name)]],
                options: changing([
                    "--image", "--port", "--env", "--labels", "--restart", "--command", "--rm", "--stdin", "--tty",
                    "--attach", "--expose", "--overrides", "--override-type", "--image-pull-policy", "--privileged",
                    "--annotations", "--leave-stdin-open", "--quiet", "--pod-running-timeout", "--save-config",
                    "--grace-period", "--cascade", "--force", "--serviceaccount", "--requests", "--limits",
                ]),
                required: ["--image"], commandAfterDashes: true),
            "set": CommandForm(subcommands: set),
            "rollout": CommandForm(subcommands: rollout),
            "exec": CommandForm(
                object + [[.one(.name)]],
                options: ["--container", "--stdin", "--tty", "--quiet", "--filename", "--pod-running-timeout"],
                commandAfterDashes: true),
            "port-forward": CommandForm(
                [[.one(.name), .some(.port)], [.one(.typeName), .some(.port)]],
                options: ["--address", "--pod-running-timeout"]),
            "cp": CommandForm(
                [[.one(.word), .one(.word)]], options: ["--container", "--no-preserve", "--retries"]),
            "attach": CommandForm(
                object + [[.one(.name)]],
                options: ["--container", "--stdin", "--tty", "--quiet", "--pod-running-timeout"]),
            "cordon": CommandForm([[.one(.name)]], selected: [[]], options: ["--dry-run", "--selector"]),
            "uncordon": CommandForm([[.one(.name)]], selected: [[]], options: ["--dry-run", "--selector"]),
            "drain": CommandForm(
                [[.one(.name)]], selected: [[]],
                options: [
                    "--ignore-daemonsets", "--delete-emptydir-data", "--delete-local-data", "--force", "--grace-period",
                    "--timeout", "--disable-eviction", "--skip-wait-for-delete-timeout", "--pod-selector", "--selector",
                    "--dry-run", "--chunk-size",
                ]),
            "taint": CommandForm(
                [[.one(.kinds), .some(.name), .some(.taint)], [.some(.typeName), .some(.taint)]],
                selected: [[.one(.kinds), .some(.taint)]], options: changing(["--overwrite"])),
            "certificate": CommandForm(subcommands: [
                "approve": CommandForm([[.some(.name)]], selected: [[]], options: changing(["--force"])),
                "deny": CommandForm([[.some(.name)]], selected: [[]], options: changing(["--force"])),
            ]),
            "wait": CommandForm(
                [[.one(.kinds), .many(.name)], [.some(.typeName)]], selected: chosen,
                options: changing(["--for"]), required: ["--for"]),
            "debug": CommandForm(
                object + [[.one(.name)]],
                options: [
                    "--image", "--container", "--stdin", "--tty", "--target", "--profile", "--copy-to", "--replace",
                    "--share-processes", "--set-image", "--env", "--attach", "--quiet", "--arguments-only", "--custom",
                    "--image-pull-policy", "--same-node", "--keep-annotations", "--keep-labels", "--keep-liveness",
                    "--keep-readiness", "--keep-startup", "--keep-init-containers", "--filename",
                ],
                commandAfterDashes: true),
            "proxy": CommandForm([[]], shortValues: ["n", "p", "w"]),
        ]
        table["apply"]?.subcommands = [
            "view-last-applied": CommandForm(object, selected: [[]]),
            "edit-last-applied": CommandForm(object, selected: [[]], options: changing(["--windows-line-endings"])),
            "set-last-applied": CommandForm([], selected: [[]], options: changing(["--create-annotation"])),
        ]
        return table
    }()

    static let top: [String: CommandForm] = {
        let form = CommandForm([[.optional(.name)]], selected: [[]])
        return ["pod": form, "pods": form, "po": form, "node": form, "nodes": form, "no": form]
    }()

    static let config: [String: CommandForm] = [
        "view": .bare, "current-context": .bare, "get-contexts": CommandForm([[.optional(.word)]]),
        "get-clusters": .bare, "get-users": .bare,
        "use-context": CommandForm([[.one(.word)]], options: []),
        "use": CommandForm([[.one(.word)]], options: []),
        "set-context": CommandForm([[.optional(.word)]], options: ["--current", "--namespace", "--cluster", "--user"]),
        "set-cluster": CommandForm(
            [[.one(.word)]],
            options: [
                "--server", "--certificate-authority", "--embed-certs", "--insecure-skip-tls-verify",
                "--tls-server-name", "--proxy-url",
            ]),
        "set-credentials": CommandForm([[.one(.word)]], options: nil),
        "delete-context": CommandForm([[.one(.word)]], options: []),
        "delete-cluster": CommandForm([[.one(.word)]], options: []),
        "delete-user": CommandForm([[.one(.word)]], options: []),
        "rename-context": CommandForm([[.one(.word), .one(.word)]], options: []),
        "set": CommandForm([[.one(.word), .one(.word)]], options: ["--set-raw-bytes"]),
        "unset": CommandForm([[.one(.word)]], options: []),
    ]

    static let rollout: [String: CommandForm] = [
        "status": CommandForm(objects, selected: chosen),
        "history": CommandForm(objects, selected: chosen),
        "undo": CommandForm(objects, selected: chosen, options: changing(["--to-revision"])),
        "restart": CommandForm(objects, selected: chosen, options: changing([])),
        "pause": CommandForm(objects, selected: chosen, options: changing([])),
        "resume": CommandForm(objects, selected: chosen, options: changing([])),
    ]

    static let set: [String: CommandForm] = [
        "image": CommandForm(
            [[.one(.kinds), .some(.name), .some(.containerImage)], [.some(.typeName), .some(.containerImage)]],
            selected: [[.some(.containerImage)], [.one(.kinds), .some(.containerImage)]], options: changing([])),
        "env": CommandForm(
            [[.one(.kinds), .some(.name), .many(.pairOrRemoval)], [.some(.typeName), .many(.pairOrRemoval)]],
            selected: [[.many(.pairOrRemoval)], [.one(.kinds), .many(.pairOrRemoval)]],
            options: changing([
                "--env", "--from", "--prefix", "--keys", "--list", "--overwrite", "--resolve", "--containers",
                "--resource-version",
            ]),
            shortValues: ["n", "o", "c", "l", "f", "k", "e"]),
        "resources": CommandForm(
            objects, selected: chosen,
            options: changing(["--limits", "--requests", "--containers", "--resource-version"])),
        "selector": CommandForm(
            [[.one(.kinds), .one(.name), .one(.word)], [.one(.typeName), .one(.word)]],
            selected: [[.one(.word)], [.one(.kinds), .one(.word)]], options: changing(["--resource-version"])),
        "serviceaccount": CommandForm(
            [[.one(.kinds), .one(.name), .one(.name)], [.one(.typeName), .one(.name)]], selected: [[.one(.name)]],
            options: changing([])),
        "sa": CommandForm(
            [[.one(.kinds), .one(.name), .one(.name)], [.one(.typeName), .one(.name)]], selected: [[.one(.name)]],
            options: changing([])),
        "subject": CommandForm(
            object, selected: chosen, options: changing(["--user", "--group", "--serviceaccount"])),
    ]

    /// `create KIND NAME`: each kind a subcommand with its own options.
    static let create: [String: CommandForm] = {
        let named: [[Positional]] = [[.one(.name)]]
        let base: Set<String> = [
            "--dry-run", "--output", "--save-config", "--validate", "--field-manager", "--template",
            "--show-managed-fields", "--allow-missing-template-keys",
        ]
        let deployment = CommandForm(
            named, options: base.union(["--image", "--replicas", "--port"]), required: ["--image"],
            commandAfterDashes: true)
        let configmap = CommandForm(
            named, options: base.union(["--from-literal", "--from-file", "--from-env-file", "--append-hash"]))
        let secret = CommandForm(subcommands: [
            "generic": CommandForm(
                named,
                options: base.union(["--from-literal", "--from-file", "--from-env-file", "--append-hash", "--type"])),
            "tls": CommandForm(named, options: base.union(["--cert", "--key", "--append-hash"])),
            "docker-registry": CommandForm(
                named,
                options: base.union([
                    "--docker-server", "--docker-username", "--docker-email", "--docker-password", "--from-file",
                    "--append-hash",
                ])),
        ])
        let serviceOptions = base.union(["--tcp", "--node-port", "--external-name", "--clusterip"])
        let service = CommandForm(subcommands: [
            "clusterip": CommandForm(named, options: serviceOptions),
            "nodeport": CommandForm(named, options: serviceOptions),
            "loadbalancer": CommandForm(named, options: serviceOptions),
            "externalname": CommandForm(named, options: serviceOptions),
        ])
        let job = CommandForm(named, options: base.union(["--image", "--from"]), commandAfterDashes: true)
        let cronjob = CommandForm(
            named, options: base.union(["--image", "--schedule", "--restart"]), commandAfterDashes: true)
        let ingress = CommandForm(
            named, options: base.union(["--rule", "--class", "--annotation", "--default-backend"]))
        let role = CommandForm(
            named,
            options: base.union(["--verb", "--resource", "--resource-name", "--aggregation-rule", "--non-resource-url"])
        )
        let binding = CommandForm(
            named, options: base.union(["--role", "--clusterrole", "--user", "--group", "--serviceaccount"]))
        let quota = CommandForm(named, options: base.union(["--hard", "--scopes"]))
        let pdb = CommandForm(named, options: base.union(["--min-available", "--max-unavailable", "--selector"]))
        let priority = CommandForm(
            named, options: base.union(["--value", "--global-default", "--description", "--preemption-policy"]))
        let plain = CommandForm(named, options: base)
        return [
            "deployment": deployment, "deploy": deployment, "namespace": plain, "ns": plain,
            "configmap": configmap, "cm": configmap, "secret": secret, "service": service, "svc": service,
            "job": job, "cronjob": cronjob, "cj": cronjob, "ingress": ingress, "ing": ingress,
            "serviceaccount": plain, "sa": plain, "role": role, "clusterrole": role, "rolebinding": binding,
            "clusterrolebinding": binding, "quota": quota, "resourcequota": quota, "poddisruptionbudget": pdb,
            "pdb": pdb, "priorityclass": priority, "pc": priority,
            "token": CommandForm(
                named,
                options: base.union([
                    "--duration", "--audience", "--bound-object-kind", "--bound-object-name", "--bound-object-uid",
                ])),
        ]
    }()
}
