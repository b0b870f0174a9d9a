/// The gzip container (RFC 1952) around DEFLATE: header, body, CRC-32 and ISIZE trailer.
enum Gzip {
    /// Output ceiling: a small compressed dump must not expand into memory exhaustion.
    static let defaultLimit = 512 << 20

    /// True when `bytes` begin with the gzip magic number.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Decompresses every member (concatenated gzip files decode to concatenated output).
    /// Bytes after the last member that are not another gzip header are ignored, as the
    /// `gzip` tool does. Throws `.corruptGzip` on any malformed or inconsistent member.
    static func decompress(_ bytes: [UInt8], limit: Int = defaultLimit) throws(ExtractError) -> [UInt8] {
        do {
            return try bytes.withUnsafeBufferPointer { buffer throws(Inflate.Failure) -> [UInt8] in
                var output: [UInt8] = []
                var offset = 0
                repeat {
                    let bodyStart = try headerEnd(buffer, from: offset)
                    // ISIZE of the last member is exact for the usual single-member file.
                    let hint = offset == 0 && buffer.count >= 4 ? Int(littleEndian32(buffer, buffer.count - 4)) : nil
                    let (member, end) = try Inflate.decode(
                        buffer, from: bodyStart, limit: limit - output.count, expectedSize: hint)
                    if end + 8 > buffer.count { throw Inflate.Failure("missing CRC-32/ISIZE trailer") }
                    let crc = littleEndian32(buffer, end)
                    let size = littleEndian32(buffer, end + 4)
                    var check = CRC32()
                    member.withUnsafeBufferPointer { check.update($0) }
                    if check.value != crc { throw Inflate.Failure("CRC-32 mismatch") }
                    if UInt32(truncatingIfNeeded: member.count) != size { throw Inflate.Failure("ISIZE mismatch") }
                    if output.isEmpty { output = member } else { output += member }
                    offset = end + 8
                } while offset + 2 <= buffer.count && buffer[offset] == 0x1F && buffer[offset + 1] == 0x8B
                return output
            }
        } catch {
            throw .corruptGzip(error.reason)
        }
    }

    private static func headerEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) throws(Inflate.Failure) -> Int
    {
        if start + 10 > buffer.count { throw Inflate.Failure("truncated header") }
        if buffer[start] != 0x1F || buffer[start + 1] != 0x8B { throw Inflate.Failure("bad magic") }
        if buffer[start + 2] != 8 { throw Inflate.Failure("unknown compression method \(buffer[start + 2])") }
        let flags = buffer[start + 3]
        if flags & 0xE0 != 0 { throw Inflate.Failure("reserved header flags set") }
        var offset = start + 10
        if flags & 0x04 != 0 {  // FEXTRA
            if offset + 2 > buffer.count { throw Inflate.Failure("truncated header") }
            offset += 2 + (Int(buffer[offset]) | Int(buffer[offset + 1]) << 8)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: NUL-terminated
            while offset < buffer.count && buffer[offset] != 0 { offset += 1 }
            offset += 1
        }
        if flags & 0x02 != 0 { offset += 2 }  // FHCRC
        if offset > buffer.count { throw Inflate.Failure("truncated header") }
        return offset
    }

    private static func littleEndian32(_ buffer: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        UInt32(buffer[at]) | UInt32(buffer[at + 1]) << 8 | UInt32(buffer[at + 2]) << 16 | UInt32(buffer[at + 3]) << 24
    }
}
