import Foundation
import TestSupport
import Testing
import Yams

/// The Pages workflow's build job runs contributors' files through the build; it must hold no token that could
/// publish the site or mint an OIDC token. Only the deploy job, which runs nothing from the repository, may.
@Suite struct PagesWorkflowTests {
    @Test func onlyTheDeployJobMayPublish() throws {
        let url = Executable.packageRoot.appendingPathComponent(".github/workflows/pages.yml")
        let workflow = try #require(try Yams.load(yaml: String(contentsOf: url, encoding: .utf8)) as? [String: Any])
        #expect((workflow["permissions"] as? [String: Any])?.isEmpty == true, "nothing granted to every job")
        let jobs = try #require(workflow["jobs"] as? [String: [String: Any]])
        let build = try #require(jobs["build"])
        let buildPermissions = try #require(build["permissions"] as? [String: String])
        #expect(buildPermissions == ["contents": "read", "pages": "read"])
        let steps = try #require(build["steps"] as? [[String: Any]])
        let checkout = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("actions/checkout@") == true })
        #expect((checkout["with"] as? [String: Any])?["persist-credentials"] as? Bool == false)
        let deploy = try #require(jobs["deploy"])
        #expect(deploy["permissions"] as? [String: String] == ["pages": "write", "id-token": "write"])
        let deploySteps = try #require(deploy["steps"] as? [[String: Any]])
        #expect(deploySteps.allSatisfy { $0["run"] == nil && ($0["uses"] as? String)?.hasPrefix("actions/") == true })
    }
}
