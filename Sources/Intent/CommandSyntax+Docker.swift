// docker's commands as kagent checks them (https://docs.docker.com/reference/cli/docker/). Reading
// commands take any option; changing ones take the options listed. After `run IMAGE` and `exec CONTAINER`
// the words are the container's command, not docker's, and are not checked.

extension CommandSyntax {
    /// docker: `ps -a`, `logs -f web`, `run -it --rm alpine sh`, `compose up -d`, `volume ls`.
    public static let docker = CommandSyntax(
        tool: "docker", commands: DockerTable.commands,
        globalOptions: ["--help", "--context", "--host", "--config", "--debug", "--log-level"],
        valueOptions: [
            "--context", "--host", "--config", "--log-level", "--name", "--env", "--env-file", "--volume", "--publish",
            "--network", "--workdir", "--user", "--entrypoint", "--memory", "--cpus", "--label", "--restart",
            "--platform", "--tag", "--file", "--build-arg", "--target", "--format", "--filter", "--tail", "--since",
            "--until", "--time", "--timeout", "--signal", "--mount", "--hostname", "--add-host", "--cap-add",
            "--cap-drop", "--device", "--dns", "--expose", "--gpus", "--health-cmd", "--log-driver", "--log-opt",
            "--pull", "--shm-size", "--stop-signal", "--stop-timeout", "--ulimit", "--cache-from", "--cache-to",
            "--output", "--progress", "--secret", "--ssh", "--network-alias", "--detach-keys", "--project-name",
            "--profile", "--scale", "--driver", "--subnet", "--gateway", "--ip-range", "--opt", "--ip", "--alias",
            "--exit-code-from", "--wait-timeout", "--project-directory", "--ansi", "--parallel", "--rmi", "--builder",
            "--policy", "--attach", "--last", "--memory-swap", "--cpu-shares", "--pid", "--ipc", "--runtime",
            "--security-opt", "--tmpfs", "--volumes-from", "--link", "--label-file", "--sysctl", "--iidfile",
            "--cidfile",
        ],
        shortValues: [],
        selectors: []
    )
}

/// The rows of docker's table.
private enum DockerTable {
    static let runOptions: Set<String> = [
        "--name", "--env", "--env-file", "--volume", "--publish", "--publish-all", "--network", "--workdir", "--user",
        "--entrypoint", "--memory", "--memory-swap", "--cpus", "--cpu-shares", "--label", "--label-file", "--restart",
        "--platform", "--rm", "--detach", "--interactive", "--tty", "--init", "--privileged", "--read-only",
        "--mount", "--hostname", "--add-host", "--cap-add", "--cap-drop", "--device", "--dns", "--expose", "--gpus",
        "--health-cmd", "--no-healthcheck", "--log-driver", "--log-opt", "--pull", "--shm-size", "--stop-signal",
        "--stop-timeout", "--ulimit", "--network-alias", "--detach-keys", "--attach", "--pid", "--ipc", "--runtime",
        "--security-opt", "--tmpfs", "--volumes-from", "--link", "--sysctl", "--cidfile", "--quiet", "--sig-proxy",
    ]
    static let runShorts: Set<Character> = ["e", "v", "p", "w", "u", "m", "c", "h", "l", "a"]
    static let buildOptions: Set<String> = [
        "--tag", "--file", "--build-arg", "--target", "--platform", "--no-cache", "--pull", "--quiet", "--progress",
        "--cache-from", "--cache-to", "--output", "--secret", "--ssh", "--label", "--network", "--iidfile", "--load",
        "--push", "--builder", "--add-host", "--shm-size", "--memory", "--rm", "--force-rm", "--squash", "--provenance",
        "--sbom",
    ]
    static let buildShorts: Set<Character> = ["t", "f", "m", "o"]
    /// `docker compose` options that come before its subcommand but count for all of them.
    static let composeGlobal: Set<String> = [
        "--file", "--project-name", "--profile", "--env-file", "--project-directory", "--ansi", "--progress",
        "--parallel", "--compatibility", "--dry-run", "--all-resources",
    ]
    static let composeShorts: Set<Character> = ["f", "p", "t", "n"]

    static func compose(_ forms: [[Positional]], _ options: Set<String>?) -> CommandForm {
        CommandForm(forms, options: options.map { $0.union(composeGlobal) }, shortValues: composeShorts)
    }

    static let commands: [String: CommandForm] = {
        let containers: [[Positional]] = [[.some(.container)]]
        let images: [[Positional]] = [[.some(.image)]]
        let lifecycle: Set<String> = ["--time", "--timeout", "--signal"]
        let run = CommandForm([[.one(.image)]], options: runOptions, shortValues: runShorts, commandAfter: 1)
        let exec = CommandForm(
            [[.one(.container)]],
            options: [
                "--interactive", "--tty", "--detach", "--env", "--env-file", "--user", "--workdir", "--privileged",
                "--detach-keys",
            ],
            shortValues: ["e", "u", "w"], commandAfter: 1)
        // The corpus keeps `docker build` alone a literal command (docker then asks for the folder).
        let build = CommandForm([[.optional(.word)]], options: buildOptions, shortValues: buildShorts)
        let logs = CommandForm([[.one(.container)]], shortValues: ["n"])
        let rm = CommandForm(containers, options: ["--force", "--volumes", "--link"])
        let rmi = CommandForm(images, options: ["--force", "--no-prune", "--platform"])
        let pull = CommandForm(
            [[.one(.image)]], options: ["--all-tags", "--platform", "--quiet", "--disable-content-trust"])
        let push = CommandForm(
            [[.one(.image)]], options: ["--all-tags", "--platform", "--quiet", "--disable-content-trust"])
        let tag = CommandForm([[.one(.image), .one(.image)]], options: [])
        let start = CommandForm(containers, options: ["--attach", "--interactive", "--detach-keys"])
        let stop = CommandForm(containers, options: lifecycle, shortValues: ["t", "s"])
        let prune = CommandForm([[]], options: ["--all", "--force", "--filter", "--volumes"])
        let inspect = CommandForm([[.some(.word)]])
        let composeUp = compose(
            [[.many(.name)]],
            [
                "--detach", "--build", "--no-build", "--force-recreate", "--no-recreate", "--remove-orphans", "--wait",
                "--wait-timeout", "--timeout", "--scale", "--pull", "--abort-on-container-exit", "--exit-code-from",
                "--attach", "--no-deps", "--no-start", "--renew-anon-volumes", "--quiet-pull", "--always-recreate-deps",
                "--watch", "--yes", "--menu", "--no-color", "--no-log-prefix", "--timestamps", "--no-attach",
                "--attach-dependencies", "--quiet-build",
            ])
        let composeStop = compose([[.many(.name)]], ["--timeout", "--no-deps"])
        let composeExec = CommandForm(
            [[.one(.name)]],
            options: composeGlobal.union([
                "--detach", "--env", "--index", "--no-tty", "--privileged", "--user", "--workdir", "--interactive",
                "--tty",
            ]),
            shortValues: ["e", "u", "w", "f", "p"], commandAfter: 1)
        let composeRun = CommandForm(
            [[.one(.name)]],
            options: composeGlobal.union([
                "--detach", "--env", "--name", "--no-deps", "--rm", "--publish", "--service-ports", "--user",
                "--workdir", "--volume", "--entrypoint", "--build", "--interactive", "--tty", "--label", "--quiet-pull",
                "--remove-orphans", "--use-aliases", "--no-tty", "--pull", "--cap-add", "--cap-drop",
            ]),
            shortValues: ["e", "u", "w", "v", "p", "l", "f"], commandAfter: 1)
        let composeReads = compose([[.many(.name)]], nil)
        let composeSubcommands: [String: CommandForm] = [
            "up": composeUp, "down": compose([[]], ["--volumes", "--remove-orphans", "--rmi", "--timeout"]),
            "ps": composeReads, "logs": compose([[.many(.name)]], nil), "config": composeReads, "ls": composeReads,
            "images": composeReads, "top": composeReads, "version": composeReads, "events": composeReads,
            "port": composeReads,
            "build": compose(
                [[.many(.name)]],
                [
                    "--no-cache", "--pull", "--build-arg", "--progress", "--quiet", "--push", "--ssh", "--builder",
                    "--with-dependencies", "--memory",
                ]),
            "pull": compose([[.many(.name)]], ["--ignore-pull-failures", "--quiet", "--policy", "--include-deps"]),
            "push": compose([[.many(.name)]], ["--ignore-push-failures", "--include-deps", "--quiet"]),
            "restart": composeStop, "stop": composeStop, "start": compose([[.many(.name)]], []),
            "kill": compose([[.many(.name)]], ["--signal", "--remove-orphans"]),
            "pause": compose([[.many(.name)]], []), "unpause": compose([[.many(.name)]], []),
            "rm": compose([[.many(.name)]], ["--force", "--stop", "--volumes"]),
            "create": compose(
                [[.many(.name)]], ["--build", "--no-build", "--force-recreate", "--no-recreate", "--pull"]),
            "exec": composeExec, "run": composeRun,
        ]
        var composeCommand = CommandForm(subcommands: composeSubcommands, options: composeGlobal)
        composeCommand.shortValues = composeShorts
        let contextForm = CommandForm([[.one(.word)]], options: [])
        return [
            "ps": CommandForm([[]], shortValues: ["f", "n"]),
            "images": CommandForm([[.optional(.word)]], shortValues: ["f"]), "logs": logs, "inspect": inspect,
            "version": .bare, "info": .bare, "stats": CommandForm([[.many(.container)]]),
            "top": CommandForm([[.one(.container), .many(.word)]]), "history": CommandForm([[.one(.image)]]),
            "port": CommandForm([[.one(.container), .optional(.word)]]), "diff": CommandForm([[.one(.container)]]),
            "events": .bare, "search": CommandForm([[.one(.word)]]),
            "build": build, "run": run, "exec": exec,
            "start": start, "stop": stop, "restart": stop, "kill": stop,
            "pause": CommandForm(containers, options: []), "unpause": CommandForm(containers, options: []),
            "rm": rm, "rmi": rmi, "pull": pull, "push": push, "tag": tag,
            "cp": CommandForm([[.one(.word), .one(.word)]], options: ["--archive", "--follow-link", "--quiet"]),
            "compose": composeCommand,
            "volume": CommandForm(subcommands: [
                "ls": .bare, "list": .bare, "inspect": inspect,
                "rm": CommandForm([[.some(.word)]], options: ["--force"]),
                "create": CommandForm([[.optional(.word)]], options: ["--driver", "--opt", "--label", "--name"]),
                "prune": prune,
            ]),
            "network": CommandForm(subcommands: [
                "ls": .bare, "list": .bare, "inspect": inspect,
                "rm": CommandForm([[.some(.word)]], options: ["--force"]),
                "create": CommandForm(
                    [[.one(.word)]],
                    options: [
                        "--driver", "--subnet", "--gateway", "--ip-range", "--label", "--opt", "--attachable",
                        "--internal", "--ipv6",
                    ]),
                "connect": CommandForm([[.one(.word), .one(.container)]], options: ["--alias", "--ip", "--link"]),
                "disconnect": CommandForm([[.one(.word), .one(.container)]], options: ["--force"]),
                "prune": prune,
            ]),
            "system": CommandForm(subcommands: ["df": .bare, "info": .bare, "events": .bare, "prune": prune]),
            "image": CommandForm(subcommands: [
                "ls": CommandForm([[.optional(.word)]]), "list": CommandForm([[.optional(.word)]]),
                "inspect": inspect, "history": CommandForm([[.one(.image)]]), "rm": rmi, "pull": pull, "push": push,
                "tag": tag, "prune": prune, "build": build,
            ]),
            "container": CommandForm(subcommands: [
                "ls": .bare, "list": .bare, "inspect": inspect, "logs": logs, "rm": rm, "start": start, "stop": stop,
                "restart": stop, "kill": stop, "prune": prune, "exec": exec, "run": run,
            ]),
            "context": CommandForm(subcommands: [
                "ls": .bare, "list": .bare, "show": .bare, "inspect": inspect, "use": contextForm,
            ]),
        ]
    }()
}
