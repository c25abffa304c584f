import Foundation
import Intent
import Testing

@Suite("SecretPolicy: one rule for what is secret")
struct SecretPolicyTests {
    @Test(
        "secret-looking keys, any case, dotted helm keys and options",
        arguments: [
            "password", "db.passwd", "DB_PASSWORD", "stripeApiKey", "api_key", "api-key", "github.token", "AUTH_TOKEN",
            "client_secret", "aws.accessKey", "tls.privateKey", "private_key", "--password", "--token",
            "--docker-password", "--client-key-data", "credentials.json", "admin.pwd", "passphrase",
        ])
    func secretKeys(key: String) {
        #expect(SecretPolicy.isSecretKey(key))
    }

    @Test(
        "ordinary keys are not secret",
        arguments: ["replicaCount", "image.tag", "LOG_LEVEL", "--namespace", "--values", "service.port", "app"])
    func ordinaryKeys(key: String) {
        #expect(!SecretPolicy.isSecretKey(key))
    }

    @Test(
        "free text: each secret value becomes (hidden), the rest and its spacing stay",
        arguments: [
            (
                "deploy the backend with prod values and set db.passwd=hunter2",
                "deploy the backend with prod values and set db.passwd=(hidden)"
            ),
            (
                "make secret x --from-literal=password=hunter2 user=bob API_TOKEN=abc",
                "make secret x --from-literal=password=(hidden) user=bob API_TOKEN=(hidden)"
            ),
            (
                "kubectl create secret generic x --from-literal=user=bob",
                "kubectl create secret generic x --from-literal=user=(hidden)"
            ),
            (
                "kubectl create configmap x --from-literal=user=bob",
                "kubectl create configmap x --from-literal=user=bob"
            ),
            (
                "helm install x --set=a=1,db.password=s3 --set replicaCount=2",
                "helm install x --set=a=1,db.password=(hidden) --set replicaCount=2"
            ),
            ("login --token abc123  --password   'two words' now", "login --token (hidden)  --password   (hidden) now"),
            ("set password='two words' please", "set password=(hidden) please"),
            ("password: hunter2", "password: (hidden)"),
            ("it doesn't say password=x", "it doesn't say password=(hidden)"),
            ("scale backend to 3", "scale backend to 3"),
            (
                "\u{1B}[36m$ helm upgrade --set=db.passwd=x\u{1B}[0m",
                "\u{1B}[36m$ helm upgrade --set=db.passwd=(hidden)\u{1B}[0m"
            ),
        ])
    func freeText(text: String, shown: String) {
        #expect(SecretPolicy.hide(in: text) == shown)
    }

    @Test("argv: values of secret options, attached or in the next word, are hidden; placeholders stay")
    func arguments() {
        #expect(
            SecretPolicy.hide(arguments: ["helm", "upgrade", "--password", "x", "--set=db.passwd=y", "--set=a=1"])
                == ["helm", "upgrade", "--password", "(hidden)", "--set=db.passwd=(hidden)", "--set=a=1"])
        // Only a bare secret option hides the next word, and only a value (not the next option).
        #expect(
            SecretPolicy.hide(arguments: ["helm", "--namespace=kt-secrets", "--create-namespace", "--token", "--wait"])
                == ["helm", "--namespace=kt-secrets", "--create-namespace", "--token", "--wait"])
        #expect(SecretPolicy.hide(in: "(db.passwd=(hidden)) stays") == "(db.passwd=(hidden)) stays")
        let placeholder = ["helm", "upgrade", "--values=<private file with 1 secret value>"]
        #expect(SecretPolicy.hide(arguments: placeholder) == placeholder)
        #expect(SecretPolicy.carriesSecretValue(["create", "secret", "generic", "x", "--from-literal=a=b"]))
        #expect(!SecretPolicy.carriesSecretValue(["create", "configmap", "x", "--from-literal=a=b"]))
        #expect(SecretPolicy.carriesSecretValue(["get", "pods", "--token", "abc"]))
        #expect(!SecretPolicy.carriesSecretValue(["get", "secrets", "-n", "prod"]))
    }

    @Test("the request with the values of secret slots hidden, whatever their keys")
    func request() {
        let intent = UserIntent(
            action: "create_secret", slots: ["name": "db", "data": .secret(["user=bob", "pin=1"])])
        #expect(
            SecretPolicy.hide(request: "create secret db with user=bob pin='1' db.passwd=x", intents: [intent])
                == "create secret db with user=(hidden) pin=(hidden) db.passwd=(hidden)")
    }

    @Test(
        "shell history: a line that mentions anything secret-looking is not kept",
        arguments: [
            ("scale backend to 3", true), ("deploy the backend with prod values and set replicaCount=2", true),
            ("deploy the backend and set db.passwd=hunter2", false), ("create secret db with user=bob", false),
            ("kubectl create configmap x --from-literal=a=b", true), ("get pods --token abc", false),
            ("show the API_KEY", false),
        ])
    func history(line: String, kept: Bool) {
        #expect(SecretPolicy.mayRecordInHistory(line) == kept)
    }

    @Test("an intent's list slot is encoded with its secret-looking values hidden")
    func encodedList() throws {
        let intent = UserIntent(action: "deploy", slots: ["target": "backend", "set": .list(["a=1", "db.passwd=x"])])
        let json = String(decoding: try JSONEncoder().encode(intent), as: UTF8.self)
        #expect(json.contains("db.passwd=(hidden)") && json.contains("a=1") && !json.contains("=x"))
    }
}
