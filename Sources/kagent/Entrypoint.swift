import ArgumentParser

/// The `kagent` executable: a few lines, the work is in ``KagentCommand`` and the libraries.
@main
struct Entrypoint {
    static func main() async {
        OwnArguments.hideSecrets()
        await KagentCommand.main()
    }
}
