// helm's commands as kagent checks them (https://helm.sh/docs/helm/). Reading commands take any option;
// changing ones (install, upgrade, rollback, uninstall, repo add…) take the options listed.

extension CommandSyntax {
    /// helm: `list -A`, `get values web`, `upgrade web ./chart -f values.yaml --wait`.
    public static let helm = CommandSyntax(
        tool: "helm", commands: HelmTable.commands,
        globalOptions: [
            "--namespace", "--kube-context", "--kubeconfig", "--debug", "--burst-limit", "--qps", "--registry-config",
            "--repository-cache", "--repository-config", "--kube-apiserver", "--kube-as-user", "--kube-as-group",
            "--kube-ca-file", "--kube-insecure-skip-tls-verify", "--kube-tls-server-name", "--kube-token", "--help",
            "--content-cache", "--color", "--colour",
        ],
        valueOptions: [
            "--namespace", "--kube-context", "--kubeconfig", "--output", "--set", "--set-string", "--set-file",
            "--set-json", "--set-literal", "--values", "--version", "--timeout", "--description", "--history-max",
            "--max", "--offset", "--filter", "--revision", "--repo", "--username", "--password", "--post-renderer",
            "--post-renderer-args", "--ca-file", "--cert-file", "--key-file", "--keyring", "--name-template",
            "--cascade", "--destination", "--untardir", "--app-version", "--labels", "--selector", "--kube-apiserver",
            "--burst-limit", "--qps", "--registry-config", "--repository-cache", "--repository-config",
            "--kube-as-user", "--kube-as-group", "--kube-ca-file", "--kube-tls-server-name", "--kube-token",
            "--show-only", "--api-versions", "--kube-version", "--output-dir", "--template", "--key", "--starter",
            "--url", "--merge", "--time-format", "--max-col-width",
        ],
        shortValues: ["n", "o", "f"],
        selectors: ["--generate-name", "-g"]
    )
}

/// The rows of helm's table.
private enum HelmTable {
    /// Options of install and upgrade.
    static let release: Set<String> = [
        "--install", "--set", "--set-string", "--set-file", "--set-json", "--set-literal", "--values", "--version",
        "--wait", "--wait-for-jobs", "--timeout", "--atomic", "--rollback-on-failure", "--create-namespace",
        "--dry-run", "--reuse-values", "--reset-values", "--reset-then-reuse-values", "--force", "--force-replace",
        "--force-conflicts", "--server-side", "--description", "--devel", "--cleanup-on-fail", "--history-max",
        "--post-renderer", "--post-renderer-args", "--skip-crds", "--skip-schema-validation", "--repo", "--username",
        "--password", "--pass-credentials", "--generate-name", "--name-template", "--dependency-update", "--no-hooks",
        "--render-subchart-notes", "--take-ownership", "--labels", "--enable-dns", "--insecure-skip-tls-verify",
        "--ca-file", "--cert-file", "--key-file", "--verify", "--keyring", "--plain-http", "--output",
        "--disable-openapi-validation", "--hide-notes", "--hide-secret", "--replace", "--max-history",
    ]

    static let commands: [String: CommandForm] = {
        let named = CommandForm([[.one(.name)]])
        let uninstall = CommandForm(
            [[.some(.name)]],
            options: [
                "--keep-history", "--wait", "--timeout", "--dry-run", "--no-hooks", "--cascade", "--description",
                "--ignore-not-found",
            ])
        let repo: [String: CommandForm] = [
            "list": .bare, "ls": .bare,
            "add": CommandForm(
                [[.one(.name), .one(.word)]],
                options: [
                    "--force-update", "--username", "--password", "--password-stdin", "--pass-credentials",
                    "--insecure-skip-tls-verify", "--ca-file", "--cert-file", "--key-file", "--no-update",
                    "--allow-deprecated-repos", "--timeout",
                ]),
            "update": CommandForm([[.many(.name)]], options: ["--fail-on-repo-update-fail", "--timeout"]),
            "up": CommandForm([[.many(.name)]], options: ["--fail-on-repo-update-fail", "--timeout"]),
            "remove": CommandForm([[.some(.name)]], options: []),
            "rm": CommandForm([[.some(.name)]], options: []),
            "index": CommandForm([[.one(.word)]], options: ["--url", "--merge", "--json"]),
        ]
        let dependencyOptions: Set<String> = [
            "--keyring", "--skip-refresh", "--verify", "--ca-file", "--cert-file", "--key-file",
            "--insecure-skip-tls-verify", "--plain-http", "--username", "--password",
        ]
        let dependency: [String: CommandForm] = [
            "list": CommandForm([[.optional(.word)]]), "ls": CommandForm([[.optional(.word)]]),
            "build": CommandForm([[.optional(.word)]], options: dependencyOptions),
            "update": CommandForm([[.optional(.word)]], options: dependencyOptions),
            "up": CommandForm([[.optional(.word)]], options: dependencyOptions),
        ]
        let reads = CommandForm([[.one(.name)]])
        let get: [String: CommandForm] = [
            "all": reads, "values": reads, "manifest": reads, "notes": reads, "hooks": reads, "metadata": reads,
        ]
        let chart = CommandForm([[.one(.word)]])
        let show: [String: CommandForm] = [
            "all": chart, "chart": chart, "readme": chart, "values": chart, "crds": chart,
        ]
        let search = CommandForm([[.optional(.word)]])
        let pull = CommandForm(
            [[.one(.word)]],
            options: [
                "--version", "--untar", "--untardir", "--destination", "--repo", "--devel", "--verify", "--keyring",
                "--prov", "--username", "--password", "--pass-credentials", "--ca-file", "--cert-file", "--key-file",
                "--insecure-skip-tls-verify", "--plain-http",
            ],
            shortValues: ["n", "o", "d"])
        return [
            "list": .bare, "ls": .bare,
            "status": named, "history": named, "hist": named,
            "get": CommandForm(subcommands: get),
            "show": CommandForm(subcommands: show), "inspect": CommandForm(subcommands: show),
            "template": CommandForm(
                [[.one(.word)], [.one(.name), .one(.word)]], shortValues: ["n", "o", "f", "s", "a"]),
            "search": CommandForm(subcommands: ["repo": search, "hub": search]),
            "version": .bare, "env": CommandForm([[.optional(.word)]]),
            "lint": CommandForm([[.many(.word)]]),
            "verify": CommandForm([[.one(.word)]]),
            "plugin": CommandForm(subcommands: ["list": .bare, "ls": .bare]),
            "rollback": CommandForm(
                [[.one(.name), .optional(.number)]],
                options: [
                    "--wait", "--wait-for-jobs", "--timeout", "--force", "--force-replace", "--force-conflicts",
                    "--server-side", "--recreate-pods", "--cleanup-on-fail", "--no-hooks", "--dry-run", "--history-max",
                    "--rollback-on-failure",
                ]),
            "uninstall": uninstall, "delete": uninstall, "del": uninstall, "un": uninstall,
            "upgrade": CommandForm([[.one(.name), .one(.word)]], options: release),
            "install": CommandForm([[.one(.name), .one(.word)]], selected: [[.one(.word)]], options: release),
            "repo": CommandForm(subcommands: repo),
            "dependency": CommandForm(subcommands: dependency), "dep": CommandForm(subcommands: dependency),
            "pull": pull, "fetch": pull,
            "package": CommandForm(
                [[.some(.word)]],
                options: [
                    "--destination", "--version", "--app-version", "--dependency-update", "--sign", "--key",
                    "--keyring", "--passphrase-file",
                ],
                shortValues: ["n", "o", "d"]),
            "create": CommandForm([[.one(.word)]], options: ["--starter"], shortValues: ["n", "p"]),
            "test": CommandForm([[.one(.name)]], options: ["--timeout", "--logs", "--filter", "--hide-notes"]),
        ]
    }()
}
