/// A parsed document, stored flat: every node in document order (pre-order) in one
/// array, all character data and attribute values in one byte buffer.
///
/// Node 0 is a synthetic `#document` element whose children are the top-level nodes.
/// An element's descendants are exactly the nodes `index + 1 ..< end`, so a pass over a
/// subtree is a loop over a range and no per-node object is ever allocated. Names of
/// tags and attributes are small integers: the ones in `knownNames` have fixed ids
/// (their position there), others are numbered per document after them.
public final class HTMLDocument: Sendable {
    public struct Node: Sendable {
        /// Name id of the element, or -1 for character data.
        public let name: Int32
        /// Index one past the last descendant (a text node's own index + 1).
        public internal(set) var end: Int32
        /// Index of the parent element; -1 for the root.
        public let parent: Int32
        /// Text: first byte in `bytes`. Element: first entry in `attributes`.
        let start: Int32
        /// Text: byte count. Element: attribute count.
        var count: Int32

        init(name: Int32, end: Int32, parent: Int32, start: Int32, count: Int32) {
            self.name = name
            self.end = end
            self.parent = parent
            self.start = start
            self.count = count
        }

        public var isText: Bool { name < 0 }
        /// Text: the bytes of `bytes` it holds. Element: its entries in `attributes`.
        public var range: Range<Int> { Int(start)..<Int(start + count) }
    }

    public struct Attribute: Sendable {
        public let name: Int32
        /// The entity-decoded UTF-8 value in `bytes`.
        public let value: Range<Int>
    }

    /// Tags and attributes that get fixed ids, so consumers can compare names as integers.
    /// These are also the only attributes stored: the parser drops the rest (`src`,
    /// `data-*`, event handlers …), which nothing downstream reads, and keeps `href` on
    /// `link` elements only (the canonical URL): the targets of a page's many links are
    /// never read.
    public static let knownNames: [String] = [
        "#document", "html", "head", "body", "title", "meta", "link", "script", "style", "a", "p", "br", "div", "span",
        "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "time", "class", "id", "content", "property",
        "name", "itemprop", "http-equiv", "rel", "href", "lang", "xml:lang", "datetime", "type", "role", "hidden",
        "aria-hidden", "svg", "math", "template",
    ]
    static let knownIDs: [String: Int32] = {
        var ids: [String: Int32] = [:]
        for (index, name) in knownNames.enumerated() where ids[name] == nil { ids[name] = Int32(index) }
        return ids
    }()

    public let nodes: [Node]
    public let attributes: [Attribute]
    public let bytes: [UInt8]
    /// Every name id's string: `knownNames` followed by the document's other names.
    public let names: [String]
    private let extraIDs: [String: Int32]

    init(nodes: [Node], attributes: [Attribute], bytes: [UInt8], names: [String], extraIDs: [String: Int32]) {
        self.nodes = nodes
        self.attributes = attributes
        self.bytes = bytes
        self.names = names
        self.extraIDs = extraIDs
    }

    /// A document holding only the `#document` root.
    public convenience init() {
        self.init(
            nodes: [Node(name: 0, end: 1, parent: -1, start: 0, count: 0)], attributes: [], bytes: [],
            names: Self.knownNames, extraIDs: [:])
    }

    /// The id of a tag or attribute name (lowercase) in this document, or nil if the
    /// document never uses it.
    public func nameID(_ name: String) -> Int32? { Self.knownIDs[name] ?? extraIDs[name] }

    /// The synthetic root.
    public var root: HTMLElement { HTMLElement(document: self, index: 0) }

    /// The first element called `tag` in document order, or nil.
    public func first(_ tag: String) -> HTMLElement? {
        guard let id = nameID(tag), let index = nodes.firstIndex(where: { $0.name == id }) else { return nil }
        return HTMLElement(document: self, index: index)
    }

    /// The value's byte range of the first attribute with name id `name` on element
    /// `index`, or nil.
    public func attributeRange(_ name: Int32, of index: Int) -> Range<Int>? {
        let node = nodes[index]
        if node.isText { return nil }
        for attribute in attributes[node.range] where attribute.name == name { return attribute.value }
        return nil
    }

    /// The value of the first attribute with name id `name` on element `index`, or nil.
    public func attribute(_ name: Int32, of index: Int) -> String? {
        attributeRange(name, of: index).map(string)
    }

    /// `bytes[range]` as a string.
    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// All character data below element `index`, concatenated in document order.
    public func textContent(of index: Int) -> String {
        String(decoding: textBytes(of: index), as: UTF8.self)
    }

    /// The UTF-8 bytes of `textContent(of:)`.
    public func textBytes(of index: Int) -> [UInt8] {
        var out: [UInt8] = []
        for node in nodes[(index + 1)..<Int(nodes[index].end)] where node.isText {
            out.append(contentsOf: bytes[node.range])
        }
        return out
    }
}
