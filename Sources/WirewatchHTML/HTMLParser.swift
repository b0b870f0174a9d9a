import CLibXML2

/// Parses HTML bytes with libxml2's forgiving HTML parser into a pure Swift tree.
///
/// This is the only place in wirewatch that talks to libxml2. Every call allocates its
/// own parser context and document and frees both before returning; nothing libxml2
/// allocated escapes. libxml2 error reporting is silenced for the duration of the call
/// (on the calling thread, where libxml2 keeps its error handler), so malformed pages
/// never print to stderr.
public enum HTMLParser {
    /// Parses `bytes`, read as `encoding` (an IANA name libxml2 knows, e.g. `UTF-8`).
    ///
    /// Never fails: broken markup is repaired the way libxml2 repairs it, and input
    /// libxml2 cannot make sense of yields an empty `#document`. The document's own
    /// `<meta charset>` is ignored; the caller decides the encoding. No network access.
    public static func parse(_ bytes: [UInt8], encoding: String = "UTF-8") -> HTMLDocument {
        libxml2Ready.touch()
        let empty = HTMLDocument(root: HTMLElement(tag: "#document"))
        if bytes.isEmpty { return empty }

        // libxml2 keeps the handler in thread-local storage; restore the caller's.
        let savedHandler = __xmlStructuredError().pointee
        let savedContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(nil, silentErrorHandler)
        defer { xmlSetStructuredErrorFunc(savedContext, savedHandler) }

        guard let context = htmlNewParserCtxt() else { return empty }
        defer { htmlFreeParserCtxt(context) }

        // HUGE lifts the 256-level nesting limit, past which libxml2 silently drops the rest of the page.
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
                | XML_PARSE_HUGE.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlCtxtReadMemory(context, chars, Int32(clamping: buffer.count), nil, encoding, options)
            }
        }
        guard let document else { return empty }
        defer { xmlFreeDoc(document) }
        return HTMLDocument(root: convert(document))
    }

    /// Builds the Swift tree without recursion: libxml2 allows deep nesting in recover
    /// mode and a recursive walk could overflow a small thread stack.
    private static func convert(_ document: htmlDocPtr) -> HTMLElement {
        var stack: [(element: HTMLElement, next: xmlNodePtr?)] = [
            (HTMLElement(tag: "#document"), document.pointee.children)
        ]
        while true {
            let top = stack.count - 1
            guard let node = stack[top].next else {
                let finished = stack.removeLast().element
                if stack.isEmpty { return finished }
                stack[stack.count - 1].element.children.append(.element(finished))
                continue
            }
            stack[top].next = node.pointee.next
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let element = HTMLElement(tag: lowercasedName(node.pointee.name), attributes: attributes(of: node))
                stack.append((element, node.pointee.children))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = node.pointee.content else { continue }
                let text = String(cString: content)
                if text.isEmpty { continue }
                // Adjacent character data is one text run for every consumer.
                if case .text(let previous)? = stack[top].element.children.last {
                    stack[top].element.children[stack[top].element.children.count - 1] = .text(previous + text)
                } else {
                    stack[top].element.children.append(.text(text))
                }
            default:
                continue
            }
        }
    }

    private static func attributes(of node: xmlNodePtr) -> [HTMLElement.Attribute] {
        var result: [HTMLElement.Attribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            var value = ""
            var child = current.pointee.children
            while let text = child {
                if let content = text.pointee.content { value += String(cString: content) }
                child = text.pointee.next
            }
            result.append(HTMLElement.Attribute(name: lowercasedName(current.pointee.name), value: value))
            attribute = current.pointee.next
        }
        return result
    }

    /// libxml2's HTML parser already lowercases ASCII names, so `lowercased()` (which
    /// builds a new string) is only paid for the rare name that still has capitals.
    private static func lowercasedName(_ name: UnsafePointer<xmlChar>?) -> String {
        guard let name else { return "" }
        let string = String(cString: name)
        if string.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return string.lowercased() }
        return string
    }
}

/// Initialises libxml2 once per process; `xmlInitParser` is not safe to race.
private final class Libxml2Initialiser: Sendable {
    init() { xmlInitParser() }
    func touch() {}
}

private let libxml2Ready = Libxml2Initialiser()

private func silentErrorHandler(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {}
