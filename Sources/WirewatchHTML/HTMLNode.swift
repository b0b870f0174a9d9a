/// One node of a parsed HTML document: an element or a run of character data.
///
/// Comments, processing instructions and the doctype are not represented: nothing
/// downstream reads them. Script and style contents are kept as text so that JSON-LD
/// metadata survives parsing.
public enum HTMLNode: Sendable, Equatable {
    case element(HTMLElement)
    case text(String)
}

/// An HTML element with its tag name lowercased, its attributes in document order
/// (names lowercased, values entity-decoded) and its children.
public struct HTMLElement: Sendable, Equatable {
    public var tag: String
    public var attributes: [Attribute]
    public var children: [HTMLNode]

    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(tag: String, attributes: [Attribute] = [], children: [HTMLNode] = []) {
        self.tag = tag
        self.attributes = attributes
        self.children = children
    }

    /// Value of the first attribute called `name` (lowercase), or nil.
    public func attribute(_ name: String) -> String? {
        for attribute in attributes where attribute.name == name {
            return attribute.value
        }
        return nil
    }

    /// Child elements, in order, skipping text.
    public var elements: [HTMLElement] {
        children.compactMap { node in
            if case .element(let element) = node { return element }
            return nil
        }
    }

    /// All character data below this element, concatenated in document order.
    public var textContent: String {
        var out = ""
        forEachText { out += $0 }
        return out
    }

    /// UTF-8 length of `textContent`, without building the string: for text-density
    /// scores that only need the size.
    public var textLength: Int {
        var total = 0
        forEachText { total += $0.utf8.count }
        return total
    }

    /// Calls `body` with each text node below this element in document order.
    private func forEachText(_ body: (String) -> Void) {
        walk { node in
            if case .text(let text) = node { body(text) }
            return true
        }
    }

    /// Every element called `tag` (lowercase) below this one, in document order.
    public func elements(named tag: String) -> [HTMLElement] {
        var found: [HTMLElement] = []
        forEachDescendant { element in
            if element.tag == tag { found.append(element) }
        }
        return found
    }

    /// The first element below this one, in document order, for which `predicate` holds;
    /// stops walking as soon as it is found.
    public func firstDescendant(where predicate: (HTMLElement) -> Bool) -> HTMLElement? {
        var found: HTMLElement?
        walk { node in
            guard case .element(let child) = node, predicate(child) else { return true }
            found = child
            return false
        }
        return found
    }

    /// Calls `body` for every element below this one (not this one), depth first in
    /// document order.
    public func forEachDescendant(_ body: (HTMLElement) -> Void) {
        walk { node in
            if case .element(let child) = node { body(child) }
            return true
        }
    }

    /// Visits every node below this element, depth first in document order; `visit`
    /// returns false to stop. Iterative, so deeply nested pages cannot exhaust the stack.
    private func walk(_ visit: (HTMLNode) -> Bool) {
        var stack: [(element: HTMLElement, index: Int)] = [(self, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            let (element, index) = stack[top]
            if index >= element.children.count {
                stack.removeLast()
                continue
            }
            stack[top].index += 1
            let node = element.children[index]
            guard visit(node) else { return }
            if case .element(let child) = node { stack.append((child, 0)) }
        }
    }
}

/// A parsed document. `root` is a synthetic `#document` element whose children are
/// the top-level nodes (normally one `html` element).
public struct HTMLDocument: Sendable, Equatable {
    public var root: HTMLElement

    public init(root: HTMLElement) {
        self.root = root
    }

    /// The first element called `tag` in document order, or nil.
    public func first(_ tag: String) -> HTMLElement? {
        root.firstDescendant { $0.tag == tag }
    }
}
