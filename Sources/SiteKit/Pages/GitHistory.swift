import Foundation

/// When each page last changed, from git: one `git log` for the whole build (not a process per page). Outside a
/// repository, without git, or for a file git does not know, there is simply no date.
enum GitHistory {
    /// Seconds since 1970 of the latest commit that touched each file, by its path under `content`.
    static func lastCommitTimes(of content: URL) -> [String: Int64] {
        guard let git = ChildProcess.executable(named: "git") else { return [:] }
        // Newest first; each commit as a NUL, its time, then the files it touched, relative to `content`.
        let arguments = [
            "-c", "core.quotePath=false", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "--", ".",
        ]
        guard let result = try? ChildProcess.run(git, arguments, in: content, keepingErrors: false), result.status == 0 else {
            return [:]
        }
        let data = result.output
        var times: [String: Int64] = [:]
        for commit in data.split(separator: 0) {
            let lines = commit.split(separator: UInt8(ascii: "\n"))
            guard let first = lines.first, let time = Int64(String(decoding: first, as: UTF8.self)) else { continue }
            for file in lines.dropFirst() {
                let path = String(decoding: file, as: UTF8.self)
                if times[path] == nil { times[path] = time }
            }
        }
        return times
    }
}
