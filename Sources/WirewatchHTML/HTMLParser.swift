internal import CLibXML2

/// Parses HTML bytes with libxml2's forgiving HTML parser into an `HTMLDocument`.
///
/// This is the only place in wirewatch that talks to libxml2. The parser runs in SAX
/// mode: its start, end and character callbacks append straight to the flat document,
/// so libxml2 never builds its own tree. Every call allocates its own parser context
/// and frees it before returning; nothing libxml2 allocated escapes. libxml2 error
/// reporting is silenced for the duration of the call (on the calling thread, where
/// libxml2 keeps its error handler), so malformed pages never print to stderr.
///
/// What no consumer reads is not stored, and for UTF-8 input mostly not even parsed
/// (see `RawTextFilter` and `AttributeFilter`): attributes outside `HTMLDocument.knownNames`,
/// the contents of `style`, `svg`, `math` and
/// `template` elements, and of scripts except JSON-LD ones (`type` containing "ld+json",
/// the metadata). The elements themselves are kept, empty.
public enum HTMLParser {
    /// Parses `bytes`, read as `encoding` (an IANA name libxml2 knows, e.g. `UTF-8`).
    ///
    /// Never fails: broken markup is repaired the way libxml2 repairs it, and input
    /// libxml2 cannot make sense of yields an empty `#document`. The document's own
    /// `<meta charset>` is ignored; the caller decides the encoding. No network access.
    public static func parse(_ bytes: [UInt8], encoding: String = "UTF-8") -> HTMLDocument {
        libxml2Ready.touch()
        if bytes.isEmpty { return HTMLDocument() }

        // libxml2 keeps the handler in thread-local storage; restore the caller's.
        let savedHandler = __xmlStructuredError().pointee
        let savedContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(nil, silentErrorHandler)
        defer { xmlSetStructuredErrorFunc(savedContext, savedHandler) }

        let utf8 = isUTF8(encoding)
        let source = (utf8 ? bytes.withUnsafeBufferPointer(RawTextFilter.filter) : nil) ?? bytes
        var input = source
        var builder = Builder(expectedBytes: input.count)
        if utf8, let slimmer = source.withUnsafeBufferPointer(AttributeFilter.filter) {
            input = slimmer.bytes
            builder.deferredSource = source
            builder.deferred = slimmer.deferred
            builder.marks = slimmer.marks
            builder.marked = slimmer.marked
            builder.texts = slimmer.texts
        }
        let parsed: Bool = withUnsafeMutablePointer(to: &builder) { state in
            input.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    guard let context = htmlCreateMemoryParserCtxt(chars, Int32(clamping: buffer.count)) else {
                        return false
                    }
                    defer {
                        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
                        htmlFreeParserCtxt(context)
                    }
                    guard let sax = context.pointee.sax else { return false }
                    sax.pointee = saxHandler()
                    // A struct reached through a pointer: a class's stored properties would
                    // cost a dynamic exclusivity check on every access in every callback.
                    context.pointee.userData = UnsafeMutableRawPointer(state)
                    // HUGE lifts the 256-level nesting limit, past which libxml2 silently drops the rest of the page.
                    let options = Int32(
                        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_HUGE.rawValue)
                    _ = htmlCtxtUseOptions(context, options)
                    // UTF-8 is read in place when the context is told so; switching to the UTF-8
                    // handler would add a converting copy of the whole page.
                    if utf8 {
                        context.pointee.charset = Int32(XML_CHAR_ENCODING_UTF8.rawValue)
                    } else if let handler = xmlFindCharEncodingHandler(encoding) {
                        _ = xmlSwitchToEncoding(context, handler)
                    }
                    _ = htmlParseDocument(context)
                    return true
                }
            }
        }
        return parsed ? builder.finish() : HTMLDocument()
    }
}

private func isUTF8(_ encoding: String) -> Bool {
    let name = encoding.lowercased()
    return name == "utf-8" || name == "utf8"
}

/// Collects SAX events into the arrays of an `HTMLDocument`.
private struct Builder {
    var nodes: [HTMLDocument.Node] = [HTMLDocument.Node(name: 0, end: 1, parent: -1, start: 0, count: 0)]
    var attributes: [HTMLDocument.Attribute] = []
    var bytes: [UInt8] = []
    var names = HTMLDocument.knownNames
    var extraIDs: [String: Int32] = [:]
    /// Ids of names by libxml2's interned pointer: the parser hands out one pointer per
    /// distinct name, so most lookups never build a string.
    var idsByPointer: [UnsafeRawPointer: Int32] = [:]
    /// A direct-mapped cache in front of `idsByPointer`: a page uses few distinct names
    /// over and over, so most lookups end here without hashing.
    var recent = [(key: UnsafeRawPointer?, id: Int32)](repeating: (nil, 0), count: 256)
    /// Open elements, innermost last.
    var open: [Int32] = [0]
    /// Depth inside an element whose contents are not stored; 0 when storing.
    var opaqueDepth = 0
    /// Attribute values that `AttributeFilter` replaced by placeholders, in `deferredSource`.
    var deferred: [Range<Int>] = []
    var deferredSource: [UInt8] = []
    /// Attributes that `AttributeFilter` moved out of their tags behind a mark.
    var marks: [Range<Int>] = []
    var marked: [AttributeFilter.Marked] = []
    /// Text nodes that `AttributeFilter` replaced by text marks.
    var texts: [Range<Int>] = []

    init(expectedBytes: Int) {
        bytes.reserveCapacity(expectedBytes / 2)
        nodes.reserveCapacity(expectedBytes / 64)
    }

    mutating func id(_ name: UnsafePointer<xmlChar>) -> Int32 {
        let key = UnsafeRawPointer(name)
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: key) >> 3) & 255
        if recent[slot].key == key { return recent[slot].id }
        if let id = idsByPointer[key] {
            recent[slot] = (key, id)
            return id
        }
        var string = String(cString: name)
        // libxml2's HTML parser lowercases ASCII names already; only rare ones still have capitals.
        if string.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { string = string.lowercased() }
        let id: Int32
        if let known = HTMLDocument.knownIDs[string] ?? extraIDs[string] {
            id = known
        } else {
            id = Int32(names.count)
            names.append(string)
            extraIDs[string] = id
        }
        idsByPointer[key] = id
        recent[slot] = (key, id)
        return id
    }

    mutating func start(_ name: UnsafePointer<xmlChar>, _ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if opaqueDepth > 0 {
            opaqueDepth += 1
            return
        }
        let tag = id(name)
        let first = attributes.count
        var isJSON = false
        if var pair = pairs {
            while let attributeName = pair[0] {
                if let mark = markNumber(attributeName) {
                    for attribute in marked[marks[mark]] {
                        let valueStart = bytes.count
                        bytes.append(contentsOf: deferredSource[attribute.value])
                        if attribute.name == Opaque.type { isJSON = Opaque.mentionsJSON(bytes[valueStart...]) }
                        attributes.append(HTMLDocument.Attribute(name: attribute.name, value: valueStart..<bytes.count))
                    }
                    pair += 2
                    continue
                }
                let nameID = id(attributeName)
                // Only the attributes some consumer reads are stored (see `HTMLDocument.knownNames`).
                if Int(nameID) >= HTMLDocument.knownNames.count || (nameID == LinkTarget.href && tag != LinkTarget.link)
                {
                    pair += 2
                    continue
                }
                let valueStart = bytes.count
                if let value = pair[1] {
                    if let original = deferredValue(value) {
                        bytes.append(contentsOf: deferredSource[original])
                    } else {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
                    }
                    if nameID == Opaque.type { isJSON = Opaque.mentionsJSON(bytes[valueStart...]) }
                }
                attributes.append(HTMLDocument.Attribute(name: nameID, value: valueStart..<bytes.count))
                pair += 2
            }
        }
        let index = Int32(nodes.count)
        nodes.append(
            HTMLDocument.Node(
                name: tag, end: index + 1, parent: open[open.count - 1], start: Int32(first),
                count: Int32(attributes.count - first)))
        open.append(index)
        if Opaque.isOpaque(tag) || (tag == Opaque.script && !isJSON) { opaqueDepth = 1 }
    }

    /// The number of a tag mark (`_:` and a number) that `AttributeFilter` wrote, or nil.
    func markNumber(_ name: UnsafePointer<xmlChar>) -> Int? {
        guard name[0] == AttributeFilter.markOpening[0], name[1] == AttributeFilter.markOpening[1] else { return nil }
        return Self.number(name + 2, below: marks.count)
    }

    /// Where the text behind a text mark (see `AttributeFilter.textMarkOpening`) is in
    /// `deferredSource`, when `text` is one.
    func markedText(_ text: UnsafePointer<xmlChar>, _ length: Int) -> Range<Int>? {
        let opening = AttributeFilter.textMarkOpening
        guard length > opening.count, text[0] == opening[0], text[1] == opening[1], text[2] == opening[2] else {
            return nil
        }
        return Self.number(text + opening.count, count: length - opening.count, below: texts.count).map { texts[$0] }
    }

    /// Where the value behind a placeholder (`\u{1}` and a number) is in `deferredSource`.
    func deferredValue(_ value: UnsafePointer<xmlChar>) -> Range<Int>? {
        guard value[0] == AttributeFilter.placeholderMark else { return nil }
        return Self.number(value + 1, below: deferred.count).map { deferred[$0] }
    }

    /// The decimal number that is the whole of `digits`, if below `limit`: its first `count`
    /// bytes, or up to its NUL when `count` is nil.
    static func number(_ digits: UnsafePointer<xmlChar>, count: Int? = nil, below limit: Int) -> Int? {
        var number = 0
        var index = 0
        while index != count && digits[index] >= 0x30 && digits[index] <= 0x39 && number < limit {
            number = number * 10 + Int(digits[index] - 0x30)
            index += 1
        }
        guard index > 0, count.map({ index == $0 }) ?? (digits[index] == 0), number < limit else { return nil }
        return number
    }

    mutating func end() {
        if opaqueDepth > 1 {
            opaqueDepth -= 1
            return
        }
        opaqueDepth = 0
        // libxml2 closes elements in nesting order; the root stays open until `finish`.
        guard open.count > 1 else { return }
        let index = Int(open.removeLast())
        nodes[index].end = Int32(nodes.count)
    }

    mutating func characters(_ text: UnsafePointer<xmlChar>, _ length: Int32) {
        if opaqueDepth > 0 || length <= 0 { return }
        let parent = open[open.count - 1]
        var length = length
        if let original = markedText(text, Int(length)) {
            bytes.append(contentsOf: deferredSource[original])
            length = Int32(original.count)
        } else {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: Int(length)))
        }
        // Adjacent character data is one text node for every consumer.
        let last = nodes.count - 1
        if nodes[last].isText && nodes[last].parent == parent {
            nodes[last].count += length
            return
        }
        let index = Int32(nodes.count)
        nodes.append(
            HTMLDocument.Node(
                name: -1, end: index + 1, parent: parent, start: Int32(bytes.count) - length, count: length))
    }

    mutating func finish() -> HTMLDocument {
        while open.count > 1 { end() }
        nodes[0].end = Int32(nodes.count)
        return HTMLDocument(nodes: nodes, attributes: attributes, bytes: bytes, names: names, extraIDs: extraIDs)
    }
}

/// `href` is stored on `link` elements only (see `HTMLDocument.knownNames`).
private enum LinkTarget {
    static let href = HTMLDocument.knownIDs["href"]!
    static let link = HTMLDocument.knownIDs["link"]!
}

/// Elements whose contents are not stored (see `HTMLParser`).
private enum Opaque {
    static let script = HTMLDocument.knownIDs["script"]!
    static let type = HTMLDocument.knownIDs["type"]!
    /// By name id; every opaque tag is a known name.
    static let flags: [Bool] = {
        var flags = [Bool](repeating: false, count: HTMLDocument.knownNames.count)
        for tag in ["style", "svg", "math", "template"] { flags[Int(HTMLDocument.knownIDs[tag]!)] = true }
        return flags
    }()

    static func isOpaque(_ tag: Int32) -> Bool { Int(tag) < flags.count && flags[Int(tag)] }

    /// Whether an attribute value contains "ld+json", in any case.
    static func mentionsJSON(_ value: ArraySlice<UInt8>) -> Bool {
        let word = Array("ld+json".utf8)
        guard value.count >= word.count else { return false }
        var index = value.startIndex
        while index + word.count <= value.endIndex {
            if (0..<word.count).allSatisfy({ value[index + $0] | 0x20 == word[$0] }) { return true }
            index += 1
        }
        return false
    }
}

private func builder(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<Builder> {
    context!.assumingMemoryBound(to: Builder.self)
}

/// SAX callbacks for the HTML parser; everything else (comments, processing
/// instructions, the doctype, document start and end) stays unset and is skipped.
private func saxHandler() -> htmlSAXHandler {
    var handler = htmlSAXHandler()
    handler.startElement = { context, name, pairs in
        guard let name else { return }
        builder(context).pointee.start(name, pairs)
    }
    handler.endElement = { context, _ in builder(context).pointee.end() }
    handler.characters = { context, text, length in
        guard let text else { return }
        builder(context).pointee.characters(text, length)
    }
    handler.ignorableWhitespace = handler.characters
    handler.cdataBlock = handler.characters
    return handler
}

/// Initialises libxml2 once per process; `xmlInitParser` is not safe to race.
private final class Libxml2Initialiser: Sendable {
    init() { xmlInitParser() }
    func touch() {}
}

private let libxml2Ready = Libxml2Initialiser()

private func silentErrorHandler(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {}
