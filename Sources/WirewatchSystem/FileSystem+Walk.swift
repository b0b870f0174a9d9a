extension FileSystem {
    /// Every entry below `directory` that is not itself a directory, depth first, each directory's
    /// entries in byte order of their names, so the same tree always gives the same list.
    ///
    /// Names starting with `.` are skipped, files and directories alike, as the inbox skips them
    /// (editor swap files, `.git`, partial downloads). Symlinks are listed, never followed, so a
    /// link cannot make the walk loop; readers decide what to do with them. A directory that
    /// cannot be listed goes to `unreadable` with its error, and the walk goes on.
    public static func filesBelow(
        directory: String, unreadable: (_ path: String, _ error: SystemError) -> Void = { _, _ in }
    ) -> [String] {
        var files: [String] = []
        walk(directory, into: &files, unreadable: unreadable)
        return files
    }

    private static func walk(
        _ directory: String, into files: inout [String], unreadable: (String, SystemError) -> Void
    ) {
        let entries: [DirectoryEntry]
        do {
            entries = try listDirectory(path: directory)
        } catch {
            unreadable(directory, error)
            return
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        for entry in entries where !entry.name.hasPrefix(".") {
            let path = base + entry.name
            if entry.kind == .directory {
                walk(path, into: &files, unreadable: unreadable)
            } else {
                files.append(path)
            }
        }
    }
}
