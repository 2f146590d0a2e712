import Foundation
import IDTokenKit
import IssuerKeys
import OpenSSLHTTPClient
import Synchronization

/// `remote-keys-load JWKS_URL ISSUER TOKEN COUNT`: COUNT concurrent verifications of TOKEN with one RemoteKeys,
/// in a process of their own, so that nothing else holds Swift's cooperative threads. Prints one JSON line: how
/// many verified, when the slowest answered, how many key fetches there were, and how often a 10 ms ticker ran
/// meanwhile (a blocked pool would stop it). `RemoteKeysTests` runs it against a slow key server.
@main struct RemoteKeysLoad {
    /// Counts the fetches, and notes when the last one ended.
    final class CountingFetcher: DocumentFetching {
        let inner: any DocumentFetching
        let state = Mutex<(count: Int, lastEnd: ContinuousClock.Instant?)>((0, nil))

        init(_ inner: any DocumentFetching) { self.inner = inner }

        func fetch(_ url: URL) async throws -> FetchedDocument {
            defer { state.withLock { $0 = ($0.count + 1, .now) } }
            return try await inner.fetch(url)
        }
    }

    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 5, let url = URL(string: arguments[1]), let count = Int(arguments[4]) else {
            FileHandle.standardError.write(Data("usage: remote-keys-load JWKS_URL ISSUER TOKEN COUNT\n".utf8))
            exit(64)
        }
        let fetcher = CountingFetcher(HTTPFetcher())
        let verifier = IDTokenVerifier(
            requirements: ClaimRequirements(issuer: arguments[2], audience: "https://app.test"),
            keys: RemoteKeys(.jwks(url), fetcher: fetcher))
        let token = arguments[3]
        let started = ContinuousClock.now
        let ticker = Task {
            var ticks = 0
            while !Task.isCancelled, (try? await Task.sleep(for: .milliseconds(10))) != nil { ticks += 1 }
            return ticks
        }
        let answers = await withTaskGroup(of: (verified: Bool, at: ContinuousClock.Instant).self) { group in
            for _ in 0..<count {
                group.addTask { ((try? await verifier.verify(token)) != nil, .now) }
            }
            var answers: [(verified: Bool, at: ContinuousClock.Instant)] = []
            for await answer in group { answers.append(answer) }
            return answers
        }
        ticker.cancel()
        let ticks = await ticker.value
        let (fetches, fetchEnd) = fetcher.state.withLock { $0 }
        let milliseconds = { (duration: Duration) in
            Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        }
        let slowest = answers.map(\.at).max() ?? started
        let report: [String: Int] = [
            "answers": answers.count, "verified": answers.filter(\.verified).count, "fetches": fetches,
            "fetchEndMs": milliseconds((fetchEnd ?? started) - started), "slowestMs": milliseconds(slowest - started),
            "ticks": ticks,
        ]
        let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
}
