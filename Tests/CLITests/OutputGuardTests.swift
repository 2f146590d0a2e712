import Foundation
import TestSupport
import Testing

/// `--output` never names a folder of the author's: nothing a user wrote is moved or deleted.
@Suite struct OutputGuardTests {
    @Test(arguments: [
        (".", "--output would replace the folder build-site runs in"),
        ("content", "--output would replace the content folder"),
        ("templates", "--output would replace the templates folder"),
        ("/", "--output would replace the folder build-site runs in"),
        ("content/site", "--output is inside the content folder"),
        ("HOME", "--output would replace your home folder"),
    ])
    func foldersOfTheAuthorsAreRefused(output: String, message: String) throws {
        let site = try FixtureSite()
        try site.folder.write("home/.profile", "export A=1\n")
        let before = try site.folder.snapshot("")
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = site.root.appendingPathComponent("home").path
        let target = output == "HOME" ? site.root.appendingPathComponent("home").path : output
        let result = try run(Executable.url("build-site"), ["--output", target], in: site.root, environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: \(message)"), "\(result.stderr)")
        #expect(try site.folder.snapshot("") == before, "nothing moved, written or deleted")
    }

    @Test func aFolderOfHandWrittenFilesIsRefusedAndKept() throws {
        let site = try FixtureSite()
        try site.folder.write("docs/notes.md", "My notes\n")
        try site.folder.write("docs/.nojekyll", "")
        let result = try site.build("--output", "docs")
        #expect(result.status == 1)
        #expect(result.stderr.contains("docs: error: holds files that no build wrote (.nojekyll, notes.md…)"), "\(result.stderr)")
        #expect(site.folder.read("docs/notes.md") == "My notes\n")
        #expect(!site.folder.exists(".docs.next") && !site.folder.exists(".docs.previous"))

        try site.folder.write(".site.previous/diary.txt", "Mine\n")
        let besidePrevious = try site.build()
        #expect(besidePrevious.status == 1)
        #expect(besidePrevious.stderr.contains(".site.previous: error: holds files that no build wrote"))
        #expect(site.folder.read(".site.previous/diary.txt") == "Mine\n")
    }

    @Test func buildsReplaceTheirOwnOutputOldOrNew() throws {
        let site = try FixtureSite()
        #expect(try site.build("--output", "public").status == 0)
        #expect(site.folder.exists("public/.build-site"))
        #expect(try site.build("--output", "public").status == 0, "a build's own output")
        #expect(try site.build("--output", "public").status == 0, "and the one before it, kept beside it")
        // What a build before the marker wrote.
        try site.folder.write("old/.nojekyll", "")
        try site.folder.write("old/sitemap.xml", "<urlset/>")
        try site.folder.write("old/llms.txt", "# Old\n")
        try site.folder.write("old/index.html", "old")
        let old = try site.build("--output", "old")
        #expect(old.status == 0, "\(old.stderr)")
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(try site.build("--output", "empty").status == 0)
    }
}
