import WirewatchHTML

/// Finds the article text in a parsed page.
///
/// 1. Flatten the DOM into text blocks (paragraphs, headings, list items, bare text in
///    containers), skipping elements that never hold article text: scripts, navigation,
///    forms, figures, and anything whose class or id names furniture.
/// 2. Score containers by the paragraphs they hold (length, commas, few links) and take
///    the best one together with strong siblings.
/// 3. Emit that container's blocks, minus link lists, chrome phrases and captions.
struct HTMLBody {
    struct Block {
        enum Kind: Equatable { case paragraph, heading, listItem, quote, preformatted, cell, other }
        var text: String
        var kind: Kind
        var linkCharacters: Int
        /// Id of the innermost block-level element that holds the text.
        var element: Int

        /// Share of the text's UTF-8 bytes inside links.
        var linkDensity: Double { text.isEmpty ? 0 : Double(linkCharacters) / Double(text.utf8.count) }
    }

    // <noscript> is kept: script-rendered blogs put the article there, and a browser
    // without scripts (like the text dumps) shows it.
    private static let skippedTags: Set<String> = [
        "script", "style", "figure", "figcaption", "iframe",
        "svg", "button", "select", "option", "template", "object", "embed", "canvas", "video", "audio", "picture",
        "source", "input", "textarea", "label", "menu", "dialog", "map", "head", "title",
    ]
    private static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
        "dd",
        "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead", "body", "html", "center", "address", "hr",
        "#document",
    ]
    private static let negativeTokens: Set<String> = [
        "ad", "ads", "adv", "header", "masthead", "tags", "tag", "byline", "caption", "credit", "credits", "hidden",
        "pagination", "pager", "skip", "disqus", "print", "meta", "author", "bio", "toc", "dateline", "timestamp",
        "overlay", "login", "paywall", "donate", "donation", "follow", "more", "readmore", "next", "prev", "previous",
    ]
    private static let negativeStems = [
        "comment", "share", "sharing", "social", "related", "cookie", "newsletter", "subscri", "breadcrumb",
        "promo", "advert", "sponsor", "outbrain", "taboola", "recommend", "signup", "popup", "modal", "footer", "nav",
        "menu", "mostread", "recirc", "consent", "gdpr", "newsroll", "ticker",
    ]
    /// Stems that also show up in wrapper classes ("sticky-sidebar-parent"): weak evidence.
    private static let weakStems = ["sidebar", "banner", "widget", "teaser", "toolbar", "popular", "trending"]
    /// Elements that hold parts of an article's text but are never the whole article.
    private static let partTags: Set<String> = ["ul", "ol", "dl", "li", "table", "tbody", "thead", "tr", "td", "th"]
    private static let headingTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    private static let taxonomyPrefixes = ["category-", "tag-", "topic-", "label-", "term-"]
    private static let ignoredPrefixes = byFirstByte(
        ["has-", "is-", "with-", "no-", "js-", "show-"] + taxonomyPrefixes)
    /// The stem and token lists as bytes, by first byte: a class word is compared only
    /// with the few entries that open with its first letter.
    private static let negativeStemBytes = byFirstByte(negativeStems)
    private static let weakStemBytes = byFirstByte(weakStems)
    private static let negativeTokenList = byFirstByte(Array(negativeTokens))

    private static func byFirstByte(_ words: [String]) -> [[[UInt8]]] {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for word in words { table[Int(word.utf8.first!)].append(Array(word.utf8)) }
        return table
    }
    private static let neverSkipped: Set<String> = ["html", "body", "main", "article", "#document"]
    /// Tags that hold furniture, judged like furniture classes (see `isFurniture`).
    private static let furnitureTags: Set<String> = ["nav", "header", "footer", "aside", "menu"]

    /// What the tag sets above say about one tag.
    struct TagRole: OptionSet {
        let rawValue: UInt8
        static let skipped = TagRole(rawValue: 1)
        static let neverSkipped = TagRole(rawValue: 2)
        static let block = TagRole(rawValue: 4)
        static let furniture = TagRole(rawValue: 8)
        static let heading = TagRole(rawValue: 16)
        static let part = TagRole(rawValue: 32)
    }

    /// The tag sets merged into one table: flatten hashes each element's tag once, not once per set.
    private static let tagRoles: [String: TagRole] = {
        var roles: [String: TagRole] = [:]
        for (tags, role) in [
            (skippedTags, TagRole.skipped), (neverSkipped, .neverSkipped), (blockTags, .block),
            (furnitureTags, .furniture), (headingTags, .heading), (partTags, .part),
        ] {
            for tag in tags { roles[tag, default: []].insert(role) }
        }
        return roles
    }()
    /// A furniture-looking element holding at least this share of the page's text is a
    /// wrapper with an unlucky class name ("pg-right-rail"), not furniture.
    private static let wrapperShare = 0.4
    /// Short lines (headline, byline, date) allowed between a lead paragraph and the text.
    private static let leadGap = 6
    /// Longest cell (UTF-8 bytes) that is joined with its row.
    private static let shortCell = 200
    /// Bytes of prose that make weakly named furniture ("widget", "tag") a wrapper.
    private static let weakFurnitureProse = 400
    /// Share of the page's prose the chosen container should hold.
    private static let mainShare = 0.5

    func paragraphs(_ document: HTMLDocument, title: String?) -> [String] {
        var outline = Outline()
        let all = flatten(document, outline: &outline)
        let parents = outline.parents
        let furniture = outline.furniture
        let blocks = dropFurniture(all, parents: parents, furniture: furniture)
        var scores = [Double](repeating: 0, count: parents.count)
        for block in blocks where block.kind != .heading && block.text.utf8.count >= 25 {
            var score =
                1 + Double(block.text.utf8.count(where: { $0 == UInt8(ascii: ",") }))
                + min(Double(block.text.utf8.count) / 100, 3)
            if block.kind == .listItem { score *= 0.5 }
            score *= 1 - block.linkDensity
            var ancestor = parents[block.element]
            for share in [1.0, 0.5, 1.0 / 3] where ancestor >= 0 {
                scores[ancestor] += score * share
                ancestor = parents[ancestor]
            }
        }
        guard var best = scores.indices.max(by: { scores[$0] < scores[$1] }), scores[best] > 0 else {
            return clean(blocks.filter { LineShape($0.text).isProse }, title: title)
        }
        // Articles split into many sibling columns (one per ad slot) leave the best
        // container holding a fraction of the prose: climb to the ancestor holding most of it.
        var prose = [Int](repeating: 0, count: parents.count)
        for block in blocks where block.kind != .heading && block.text.utf8.count >= 80 && block.linkDensity < 0.3 {
            var id = block.element
            while id >= 0 {
                prose[id] += block.text.utf8.count
                id = parents[id]
            }
        }
        let pageProse = Double(prose[0])
        // A list or table is part of an article, never the article itself.
        while outline.isPart[best], parents[best] > 0 { best = parents[best] }
        while Double(prose[best]) < Self.mainShare * pageProse, parents[best] > 0 { best = parents[best] }
        var selected: Set<Int> = [best]
        let bestParent = parents[best]
        if bestParent >= 0 {
            let threshold = max(10, scores[best] * 0.2)
            for id in scores.indices where parents[id] == bestParent && scores[id] >= threshold { selected.insert(id) }
            // Galleries and long reads repeat one wrapper per part ("slide", "section"):
            // siblings dressed like the best container are more of the same article.
            let signature = outline.signatures[best]
            if signature != 0 {
                for id in scores.indices
                where parents[id] == bestParent && outline.signatures[id] == signature && scores[id] > 0 {
                    selected.insert(id)
                }
            }
        }
        var keep = blocks.map { block in
            var id = block.element
            while id >= 0 {
                if selected.contains(id) { return true }
                id = parents[id]
            }
            // A lone paragraph next to the container (lead paragraphs often sit outside it).
            return parents[block.element] == bestParent && block.kind == .paragraph && block.text.utf8.count >= 80
                && block.linkDensity < 0.25
        }
        markLead(blocks, keep: &keep, parents: parents, around: bestParent)
        var chosen = blocks.indices.filter { keep[$0] }.map { blocks[$0] }
        if let first = chosen.first,
            let standfirst = standfirst(all, before: first, description: Self.description(document))
        {
            chosen.insert(standfirst, at: 0)
        }
        return clean(joiningRows(chosen, parents: parents), title: title)
    }

    /// Standfirsts and lead paragraphs sit in the article's header or a hero block, just
    /// before the container: prose shortly before the first chosen block, under the same
    /// wider ancestor, with only headline, byline and date lines in between.
    private func markLead(_ blocks: [Block], keep: inout [Bool], parents: [Int], around wrapper: Int) {
        guard wrapper > 0, let first = keep.firstIndex(of: true), first > 0 else { return }
        let scope = parents[wrapper] > 0 ? parents[wrapper] : wrapper
        var skipped = 0
        var index = first - 1
        while index >= 0, skipped <= Self.leadGap {
            let block = blocks[index]
            var id = block.element
            while id >= 0 && id != scope { id = parents[id] }
            if id != scope { return }
            if block.kind == .paragraph && block.linkDensity < 0.2 && LineShape(block.text).isProse
                && !Boilerplate.isNotice(block.text)
            {
                keep[index] = true
            } else if block.text.utf8.count >= 80 {
                return
            } else {
                skipped += 1
            }
            index -= 1
        }
    }

    /// The standfirst often sits under the headline in the page header, away from the
    /// text and inside furniture, but the page states it again as its description: the
    /// last block of the page before the chosen text that reads like the declared
    /// description is the standfirst.
    private func standfirst(_ all: [Block], before first: Block, description: String?) -> Block? {
        guard let description,
            let start = all.firstIndex(where: { $0.element == first.element && $0.text == first.text })
        else { return nil }
        let wanted = Self.comparable(description)
        guard wanted.count >= Self.minimumDescription else { return nil }
        for block in all[..<start].reversed() {
            let text = Self.comparable(block.text)
            guard text.count >= Self.minimumDescription else { continue }
            if text == wanted || text.starts(with: wanted) || wanted.starts(with: text) { return block }
        }
        return nil
    }

    /// Shortest description (UTF-8 bytes) trusted to identify a standfirst.
    private static let minimumDescription = 40

    /// Lowercased ASCII bytes with a trailing ellipsis removed: descriptions are often
    /// the standfirst cut short.
    private static func comparable(_ text: String) -> [UInt8] {
        var bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for ending in [Array("…".utf8), Array("...".utf8)]
        where bytes.count > ending.count && bytes.suffix(ending.count).elementsEqual(ending) {
            bytes.removeLast(ending.count)
        }
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
        return bytes
    }

    /// The page's `og:description` or `description` meta content, whitespace collapsed.
    private static func description(_ document: HTMLDocument) -> String? {
        guard let meta = document.nameID("meta"), let content = document.nameID("content") else { return nil }
        let keys = ["property", "name"].compactMap(document.nameID)
        for (index, node) in document.nodes.enumerated() where node.name == meta {
            for key in keys {
                guard let value = document.attributeRange(key, of: index) else { continue }
                let name = document.bytes[value]
                if name.elementsEqual("og:description".utf8) || name.elementsEqual("description".utf8),
                    let range = document.attributeRange(content, of: index)
                {
                    return HTMLFast.collapsingWhitespace(Array(document.bytes[range]))
                }
            }
        }
        return nil
    }

    /// Table rows of short cells become one line, cells separated by " | ", so a data
    /// table reads as a table instead of a column of fragments.
    private func joiningRows(_ blocks: [Block], parents: [Int]) -> [Block] {
        var result: [Block] = []
        var index = 0
        while index < blocks.count {
            let first = blocks[index]
            var end = index + 1
            if first.kind == .cell {
                let row = parents[first.element]
                while end < blocks.count, blocks[end].kind == .cell, parents[blocks[end].element] == row { end += 1 }
            }
            let cells = blocks[index..<end]
            if cells.count >= 2, cells.allSatisfy({ $0.text.utf8.count <= Self.shortCell }) {
                var joined = first
                joined.text = cells.map(\.text).joined(separator: " | ")
                joined.linkCharacters = cells.reduce(0) { $0 + $1.linkCharacters }
                result.append(joined)
            } else {
                result.append(contentsOf: cells)
            }
            index = end
        }
        return result
    }

    /// Drops link lists, chrome, captions, bylines and datelines, headings that do not
    /// lead into text, duplicates, and a trailing run of site notices.
    private func clean(_ blocks: [Block], title: String?) -> [String] {
        var kept: [Block] = []
        var seen = TextSet()
        for block in blocks {
            let text = block.text
            let shape = LineShape(text)
            if text.isEmpty || block.linkDensity > 0.5 { continue }
            if Boilerplate.isChrome(text) || (Boilerplate.isCaption(text) && !shape.isProse) { continue }
            // Byline.parse lowercases the whole block; only a short block opening with "B" can be one.
            if text.utf8.count <= 170, text.first == "B" || text.first == "b", Byline.parse(text) != nil { continue }
            // Every date DateText reads has an ASCII digit; most short blocks have none.
            if !shape.isProse && shape.words <= 10 && text.utf8.contains(where: { $0 &- 0x30 < 10 })
                && DateText.firstDate(in: text) != nil
            {
                continue
            }
            if let title, text == title { continue }
            if block.kind == .listItem && block.linkDensity > 0.3 { continue }
            if HTMLNotice.isCaption(text) || HTMLNotice.isNotice(text, words: shape.words) { continue }
            if HTMLNotice.isObfuscated(text) { continue }
            var block = block
            if block.kind == .other && !shape.endsLikeSentence && shape.words < 4 {
                // A short line inside the text is a subheading set in a <div> or <strong>;
                // before any text it is a label (section, category, date).
                guard !kept.isEmpty else { continue }
                block.kind = .heading
            }
            if !seen.insert(text) { continue }
            kept.append(block)
        }
        // Headings count only when a text block follows them.
        var result: [Block] = []
        for (i, block) in kept.enumerated() {
            if block.kind == .heading {
                guard i + 1 < kept.count, kept[i + 1].kind != .heading else { continue }
            }
            result.append(block)
        }
        while let last = result.last,
            last.kind == .heading || (Boilerplate.isNotice(last.text) && last.text.count < 400)
                || Self.isSourceLine(last.text) || HTMLNotice.isPageStamp(last.text, words: LineShape(last.text).words)
        {
            result.removeLast()
        }
        return result.map(\.text)
    }

    /// A bare domain or address ("BVINEWS.COM") closing an article credits a source.
    private static func isSourceLine(_ text: String) -> Bool {
        !text.contains(" ") && text.contains(".") && text.count <= 60
    }

    /// Removes blocks inside furniture, unless the furniture is really a wrapper: strong
    /// evidence yields to a large share of the page's text, weak evidence to any prose.
    private func dropFurniture(_ blocks: [Block], parents: [Int], furniture: [Furniture]) -> [Block] {
        var subtreeText = [Int](repeating: 0, count: parents.count)
        var subtreeProse = [Int](repeating: 0, count: parents.count)
        var total = 0
        for block in blocks {
            total += block.text.utf8.count
            let prose = block.text.utf8.count >= 60 && block.linkDensity < 0.2 ? block.text.utf8.count : 0
            var id = block.element
            while id >= 0 {
                subtreeText[id] += block.text.utf8.count
                subtreeProse[id] += prose
                id = parents[id]
            }
        }
        // Ids are assigned in document order, so a parent is always settled before its children.
        var dead = [Bool](repeating: false, count: parents.count)
        for id in parents.indices {
            let own: Bool
            switch furniture[id] {
            case .none: own = false
            case .weak: own = subtreeProse[id] < Self.weakFurnitureProse
            case .strong: own = Double(subtreeText[id]) < Self.wrapperShare * Double(total)
            }
            dead[id] = own || (parents[id] >= 0 && dead[parents[id]])
        }
        return blocks.filter { !dead[$0.element] }
    }

    /// Per-element facts that flatten gathers for scoring, indexed by element id (ids are
    /// assigned in document order; 0 is the root).
    struct Outline {
        var parents: [Int] = [-1]
        var furniture: [Furniture] = [.none]
        /// Lists and tables (see `partTags`).
        var isPart: [Bool] = [false]
        /// Hash of tag and class, 0 without a class: siblings dressed alike share it.
        var signatures: [Int] = [0]
    }

    /// Roles and block kinds of every name id of `document`, looked up once per distinct name.
    private struct NameTable {
        var roles: [TagRole]
        var kinds: [Block.Kind]
        let a: Int32
        let br: Int32
        let names: AttributeNames

        init(_ document: HTMLDocument) {
            roles = document.names.map { HTMLBody.tagRoles[$0] ?? [] }
            kinds = document.names.map(HTMLBody.kind(of:))
            a = document.nameID("a")!
            br = document.nameID("br")!
            names = AttributeNames(document)
        }
    }

    /// Ids of the attributes that the body rules read.
    struct AttributeNames {
        let className: Int32
        let id: Int32
        let style: Int32
        let hidden: Int32
        let ariaHidden: Int32
        let role: Int32

        init(_ document: HTMLDocument) {
            className = document.nameID("class")!
            id = document.nameID("id")!
            style = document.nameID("style")!
            hidden = document.nameID("hidden")!
            ariaHidden = document.nameID("aria-hidden")!
            role = document.nameID("role")!
        }
    }

    /// One pass over the document's nodes in order, cutting text into blocks at
    /// block-level boundaries and skipping whole subtrees that never hold article text.
    private func flatten(_ document: HTMLDocument, outline: inout Outline) -> [Block] {
        let table = NameTable(document)
        return document.bytes.withUnsafeBufferPointer { bytes in
            flatten(document, bytes: bytes, table: table, outline: &outline)
        }
    }

    private func flatten(
        _ document: HTMLDocument, bytes: UnsafeBufferPointer<UInt8>, table: NameTable, outline: inout Outline
    ) -> [Block] {
        struct Frame {
            var end: Int
            var isBlock: Bool
            var isLink: Bool
            /// Index in `nodes` of the last child element taken in, or -1.
            var lastChild = -1
        }
        let nodes = document.nodes
        var blocks: [Block] = []
        // Raw UTF-8 of the current block: appending and collapsing bytes skips a scalar walk per text node.
        var buffer: [UInt8] = []
        var linkCharacters = 0
        var linkDepth = 0
        var blockStack: [(id: Int, kind: Block.Kind)] = [(0, .other)]
        // Open elements (the root's frame closes at the end), and their element ids.
        var stack = [Frame(end: nodes.count, isBlock: true, isLink: false)]
        var ids = [0]

        func flush() {
            let text = HTMLFast.collapsingWhitespace(buffer)
            if !text.isEmpty, let owner = blockStack.last {
                blocks.append(
                    Block(
                        text: text, kind: owner.kind, linkCharacters: min(linkCharacters, text.utf8.count),
                        element: owner.id))
            }
            buffer.removeAll(keepingCapacity: true)
            linkCharacters = 0
        }
        func close() {
            let frame = stack.removeLast()
            ids.removeLast()
            if frame.isBlock {
                flush()
                blockStack.removeLast()
            }
            if frame.isLink { linkDepth -= 1 }
        }

        var index = 1
        while index < nodes.count {
            while stack.count > 1 && stack[stack.count - 1].end <= index { close() }
            let node = nodes[index]
            if node.isText {
                let text = UnsafeBufferPointer(rebasing: bytes[node.range])
                buffer.append(contentsOf: text)
                if linkDepth > 0 { linkCharacters += HTMLFast.nonSpaceScalarCount(text) }
                index += 1
                continue
            }
            let name = Int(node.name)
            if node.name == table.br {
                flush()
                index = Int(node.end)
                continue
            }
            let role = table.roles[name]
            let parentFrame = stack.count - 1
            switch visibility(document, index, bytes: bytes, role: role, names: table.names) {
            case .shown: break
            case .skipped:
                index = Int(node.end)
                continue
            case .styledHidden:
                // Galleries hide all slides but one with inline styles; a hidden element
                // dressed like the visible sibling before it is another slide.
                let previous = stack[parentFrame].lastChild
                guard previous >= 0, Self.sameDress(document, previous, index, bytes: bytes, names: table.names)
                else {
                    index = Int(node.end)
                    continue
                }
            }
            stack[parentFrame].lastChild = index
            let id = outline.parents.count
            outline.parents.append(ids[ids.count - 1])
            outline.furniture.append(isFurniture(document, index, bytes: bytes, role: role, names: table.names))
            outline.isPart.append(role.contains(.part))
            outline.signatures.append(signature(document, index, bytes: bytes, names: table.names))
            let isBlock = role.contains(.block)
            let isLink = node.name == table.a
            if isBlock {
                flush()
                blockStack.append((id, table.kinds[name]))
            }
            if isLink { linkDepth += 1 }
            stack.append(Frame(end: Int(node.end), isBlock: isBlock, isLink: isLink))
            ids.append(id)
            index += 1
        }
        while !stack.isEmpty { close() }
        return blocks
    }

    private static func kind(of tag: String) -> Block.Kind {
        switch tag {
        case "p": .paragraph
        case "h1", "h2", "h3", "h4", "h5", "h6": .heading
        case "li", "dd", "dt": .listItem
        case "blockquote": .quote
        case "pre": .preformatted
        case "td", "th": .cell
        default: .other
        }
    }

    /// FNV-1a of the tag id and the class bytes; 0 when there is no class.
    private func signature(
        _ document: HTMLDocument, _ index: Int, bytes: UnsafeBufferPointer<UInt8>, names: AttributeNames
    ) -> Int {
        guard let range = document.attributeRange(names.className, of: index), !range.isEmpty else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(UInt32(bitPattern: document.nodes[index].name))
        for byte in bytes[range] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash | 1)
    }

    enum Visibility { case shown, skipped, styledHidden }

    /// Elements that never hold article text, and hidden ones; `styledHidden` for an
    /// element hidden only by its inline style.
    private func visibility(
        _ document: HTMLDocument, _ index: Int, bytes: UnsafeBufferPointer<UInt8>, role: TagRole,
        names: AttributeNames
    ) -> Visibility {
        if role.contains(.skipped) { return .skipped }
        let node = document.nodes[index]
        if role.contains(.neverSkipped) || node.range.isEmpty { return .shown }
        var result = Visibility.shown
        for attribute in document.attributes[node.range] {
            switch attribute.name {
            case names.hidden: return .skipped
            case names.ariaHidden:
                if bytes[attribute.value].elementsEqual("true".utf8) { return .skipped }
            case names.style:
                if Self.hidesElement(UnsafeBufferPointer(rebasing: bytes[attribute.value])) { result = .styledHidden }
            default: continue
            }
        }
        return result
    }

    /// Same tag and same first class word.
    private static func sameDress(
        _ document: HTMLDocument, _ first: Int, _ second: Int, bytes: UnsafeBufferPointer<UInt8>,
        names: AttributeNames
    ) -> Bool {
        guard document.nodes[first].name == document.nodes[second].name,
            let one = document.attributeRange(names.className, of: first),
            let two = document.attributeRange(names.className, of: second)
        else { return false }
        func firstWord(_ range: Range<Int>) -> Range<Int> {
            var start = range.lowerBound
            while start < range.upperBound, isNameSpace(bytes[start]) { start += 1 }
            var end = start
            while end < range.upperBound, !isNameSpace(bytes[end]) { end += 1 }
            return start..<end
        }
        let word = firstWord(one)
        return !word.isEmpty && bytes[word].elementsEqual(bytes[firstWord(two)])
    }

    /// Whether a style attribute says "display:none" or "visibility:hidden", in any case
    /// and spacing.
    private static func hidesElement(_ style: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most style attributes say neither; both phrases hold a colon followed by "n" or "h".
        guard style.contains(UInt8(ascii: ":")) else { return false }
        var squeezed: [UInt8] = []
        squeezed.reserveCapacity(style.count)
        for byte in style where byte != 0x20 { squeezed.append(lower(byte)) }
        return HTMLFast.contains(squeezed, displayNone) || HTMLFast.contains(squeezed, visibilityHidden)
    }

    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    /// Elements whose tag, role, class or id name page furniture (navigation, sharing,
    /// comments, promotions …).
    private func isFurniture(
        _ document: HTMLDocument, _ index: Int, bytes: UnsafeBufferPointer<UInt8>, role: TagRole,
        names: AttributeNames
    ) -> Furniture {
        if role.contains(.neverSkipped) { return .none }
        if role.contains(.furniture) { return .strong }
        let node = document.nodes[index]
        if node.range.isEmpty { return .none }
        if let value = document.attributeRange(names.role, of: index),
            Self.furnitureRoles.contains(where: { bytes[value].elementsEqual($0) })
        {
            return .strong
        }
        // Bytes, lowercased on the fly and never copied: this runs for every element of the page.
        let weakTag = !role.contains(.heading)
        var strong = false
        var weak = false
        for attributeName in [names.className, names.id] {
            guard let range = document.attributeRange(attributeName, of: index), !range.isEmpty else { continue }
            var start = range.lowerBound
            while start < range.upperBound, !strong {
                if Self.isNameSpace(bytes[start]) {
                    start += 1
                    continue
                }
                var end = start
                while end < range.upperBound, !Self.isNameSpace(bytes[end]) { end += 1 }
                Self.judgeWord(bytes, start, end, weakTag: weakTag, strong: &strong, weak: &weak)
                start = end
            }
            if strong { return .strong }
        }
        return weak ? .weak : .none
    }
    private static let furnitureRoles = ["navigation", "banner", "contentinfo", "complementary", "menu"].map {
        Array($0.utf8)
    }

    /// Judges one white-space separated word of a class or id, `bytes[start..<end]`.
    private static func judgeWord(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, weakTag: Bool, strong: inout Bool,
        weak: inout Bool
    ) {
        // State classes describe a page that has a sidebar, not the sidebar itself.
        // Taxonomy classes ("category-social-issues", "tag-share-prices") name the
        // article's subject, not the element's role.
        if ignoredPrefixes[Int(lower(bytes[start]))].contains(where: { hasPrefix(bytes, start, end, $0) }) { return }
        var tokens = 0
        var index = start
        while index < end {
            if isWordByte(lower(bytes[index])) {
                tokens += 1
                while index < end, isWordByte(lower(bytes[index])) { index += 1 }
            } else {
                index += 1
            }
        }
        // Long hyphenated names are slugs of the element's own text
        // ("what-are-you-looking-forward-to-next"), not roles; headings are judged
        // by what follows them.
        let weakAllowed = weakTag && tokens < 5
        index = start
        while index < end {
            guard isWordByte(lower(bytes[index])) else {
                index += 1
                continue
            }
            let tokenStart = index
            while index < end, isWordByte(lower(bytes[index])) { index += 1 }
            let first = Int(lower(bytes[tokenStart]))
            if negativeStemBytes[first].contains(where: { hasPrefix(bytes, tokenStart, index, $0) }) {
                strong = true
                return
            }
            if weakAllowed && !weak
                && (negativeTokenList[first].contains(where: {
                    $0.count == index - tokenStart && hasPrefix(bytes, tokenStart, index, $0)
                })
                    || weakStemBytes[first].contains(where: { hasPrefix(bytes, tokenStart, index, $0) }))
            {
                weak = true
            }
        }
    }

    /// Whether the ASCII-lowercased `bytes[start..<end]` starts with `prefix` (lowercase).
    @inline(__always)
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ prefix: [UInt8])
        -> Bool
    {
        guard end - start >= prefix.count else { return false }
        for offset in 0..<prefix.count where lower(bytes[start + offset]) != prefix[offset] { return false }
        return true
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    @inline(__always)
    private static func isNameSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }

    enum Furniture { case none, weak, strong }
}
