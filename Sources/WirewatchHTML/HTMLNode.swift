/// One node of a parsed HTML document: an element or a run of character data.
///
/// Comments, processing instructions and the doctype are not represented: nothing
/// downstream reads them.
public enum HTMLNode: Sendable {
    case element(HTMLElement)
    case text(String)
}

/// A view of one element of an `HTMLDocument`: its tag name lowercased, its attributes
/// in document order (names lowercased, values entity-decoded; only those named in
/// `HTMLDocument.knownNames`) and its children.
///
/// A view is an index into the document's arena, so making one allocates nothing;
/// passes over a whole page should walk `HTMLDocument.nodes` directly instead.
public struct HTMLElement: Sendable {
    public let document: HTMLDocument
    /// Position of this element in `document.nodes`.
    public let index: Int

    public init(document: HTMLDocument, index: Int) {
        self.document = document
        self.index = index
    }

    public var tag: String { document.names[Int(document.nodes[index].name)] }

    /// Value of the first attribute called `name` (lowercase), or nil.
    public func attribute(_ name: String) -> String? {
        guard let id = document.nameID(name) else { return nil }
        return document.attribute(id, of: index)
    }

    /// Child nodes, in order.
    public var children: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = index + 1
        let end = Int(document.nodes[index].end)
        while child < end {
            let node = document.nodes[child]
            if node.isText {
                result.append(.text(document.string(node.range)))
            } else {
                result.append(.element(HTMLElement(document: document, index: child)))
            }
            child = Int(node.end)
        }
        return result
    }

    /// Child elements, in order, skipping text.
    public var elements: [HTMLElement] {
        children.compactMap { node in
            if case .element(let element) = node { return element }
            return nil
        }
    }

    /// All character data below this element, concatenated in document order.
    public var textContent: String { document.textContent(of: index) }

    /// UTF-8 length of `textContent`, without building the string.
    public var textLength: Int {
        var total = 0
        for node in document.nodes[(index + 1)..<Int(document.nodes[index].end)] where node.isText {
            total += node.range.count
        }
        return total
    }

    /// Every element called `tag` (lowercase) below this one, in document order.
    public func elements(named tag: String) -> [HTMLElement] {
        guard let id = document.nameID(tag) else { return [] }
        return ((index + 1)..<Int(document.nodes[index].end)).filter { document.nodes[$0].name == id }.map {
            HTMLElement(document: document, index: $0)
        }
    }

    /// The first element below this one, in document order, for which `predicate` holds.
    public func firstDescendant(where predicate: (HTMLElement) -> Bool) -> HTMLElement? {
        for child in (index + 1)..<Int(document.nodes[index].end) where !document.nodes[child].isText {
            let element = HTMLElement(document: document, index: child)
            if predicate(element) { return element }
        }
        return nil
    }

    /// Calls `body` for every element below this one (not this one), in document order.
    public func forEachDescendant(_ body: (HTMLElement) -> Void) {
        for child in (index + 1)..<Int(document.nodes[index].end) where !document.nodes[child].isText {
            body(HTMLElement(document: document, index: child))
        }
    }
}
