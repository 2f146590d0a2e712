import Foundation
import SiteKit
import TestSupport
import Testing

/// Files in the working tree (a pull request's) and stray programs do not steer Pagefind: only the pinned release
/// runs, from outside the project, with every setting given by the build.
@Suite(.requires(.pagefind)) struct PagefindIsolationTests {
    @Test func aPagefindBinModuleInTheWorkingTreeIsNotImported() throws {
        let site = try SearchTests.site()
        let python = try #require(which("python3"))
        // A PATH with python3 alone: no installed Pagefind, so build-site asks pip's package where it is.
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("bin/python3").path, withDestinationPath: python.path)
        try site.folder.write(
            "pagefind_bin.py",
            "open('IMPORTED', 'w').write('yes')\ndef get_executable():\n    return '/bin/true'\n")
        let home = try TemporaryFolder()
        let result = try run(
            Executable.url("build-site"), [], in: site.root,
            environment: ["HOME": home.url.path, "PATH": site.root.appendingPathComponent("bin").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("search needs Pagefind"), "\(result.stderr)")
        #expect(!site.folder.exists("IMPORTED"), "the working tree's module ran")
    }

    @Test func aProgramThatOnlySaysItIsPagefindIsNotRun() throws {
        let site = try SearchTests.site()
        try site.folder.write("bin/pagefind", "#!/bin/sh\necho pagefind \(Pagefind.version)\ntouch \"$PWD/RAN\"\n")
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o700], ofItemAtPath: site.root.appendingPathComponent("bin/pagefind").path)
        let home = try TemporaryFolder()
        let result = try run(
            Executable.url("build-site"), [], in: site.root,
            environment: ["HOME": home.url.path, "PATH": site.root.appendingPathComponent("bin").path + ":/usr/bin:/bin"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("bin/pagefind is not the Pagefind \(Pagefind.version) release (its SHA-256 matches none"),
            "\(result.stderr)")
        #expect(!site.folder.exists("RAN"))
    }

    @Test func aPagefindConfigAndPagefindVariablesAreNotObeyed() throws {
        let site = try SearchTests.site()
        let victim = try TemporaryFolder()
        try site.folder.write("pagefind.yml", "logfile: \(victim.url.path)/from-config.log\noutput_subdir: elsewhere\n")
        let result = try SearchTests.build(
            site, environment: ["PAGEFIND_LOGFILE": victim.url.path + "/from-variable.log", "PAGEFIND_ROOT_SELECTOR": "footer"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!victim.exists("from-config.log") && !victim.exists("from-variable.log"))
        #expect(site.folder.exists("site/pagefind/pagefind.js") && !site.folder.exists("site/elsewhere"))
        #expect(result.stdout.contains("Search: Pagefind indexed 2 pages"), "\(result.stdout)")
    }
}
