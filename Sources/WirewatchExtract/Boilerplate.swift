/// Recognisers for page chrome that survives into a copied text or an HTML block:
/// player widgets, "Read more:" links, captions and credits, share/comment/subscribe
/// notices. Phrases are generic web furniture, not tied to any one site.
enum Boilerplate {
    /// Lines that start like this are chrome whatever follows.
    private static let prefixes = [
        "read more:", "read more ", "read next", "watch:", "watch more", "watch live", "listen to this article",
        "listen:", "loading audio", "loading video", "skip to", "picture:", "photo:", "pictured:", "image:", "(image:",
        "image credit", "photograph:", "video:", "advertisement", "sponsored", "related:", "related articles",
        "related stories", "see also:", "also read", "also see:", "click here", "share this", "share on", "share via",
        "follow us", "follow @", "sign up", "subscribe", "we use cookies", "this site uses cookies", "cookie",
        "all rights reserved", "copyright", "©", "back to top", "leave a comment", "leave a reply",
        "report this comment",
        "most read", "most popular", "more latest news", "see more", "more from", "you may also like",
        "you might also like",
        "recommended for you", "continue reading", "load more", "show more", "view comments", "jump to", "tags:",
        "filed under", "posted in", "next article", "previous article", "print this", "email this", "download the app",
        "get the app", "open in app", "this article is more than", "support our journalism", "already a subscriber",
        "log in", "sign in", "register", "terms of use", "terms and conditions", "privacy policy", "contact us",
        "newsletter", "get our newsletter", "enter your email", "by signing up", "trending",
    ]
    /// More furniture, English and the other languages of `StopWords`: chrome only on a
    /// short line (a real sentence may open with "Share…" or "Teilen Sie…"), or
    /// whatever follows when the phrase ends with a colon.
    private static let shortLinePrefixes = [
        // English
        "related posts", "related content", "related news", "related topics", "related coverage", "share this",
        "share article", "sign up for", "subscribe to", "advertise with", "about us", "accept all", "accept cookies",
        "manage cookies", "cookie settings", "cookie policy", "notify me of", "your email address will not",
        "required fields are marked", "photo by ", "image by ", "photograph by", "photographs by", "image source",
        "credit:", "credits:", "click to share", "click to email", "click to print", "sorted by:", "never miss",
        "get regular updates",
        "photo credit", "sponsored content", "promoted content", "paid content", "previous post", "next post",
        "older posts", "newer posts", "add a comment", "comments are closed", "join the conversation",
        "post a comment", "view all comments", "be the first to", "no comments", "show comments", "follow us on",
        "like us on", "download our app", "listen to this", "listen to the", "play video", "watch video",
        "watch the video", "more stories", "more news", "more articles", "top stories", "editor's picks",
        "editors' picks", "don't miss", "what to read next", "keep reading", "read the full", "read full",
        "read this next", "advertising", "skip ad", "scroll to continue", "back to", "go to", "return to",
        "open menu", "close menu", "toggle", "breadcrumb", "you are here", "page ", "share:", "tweet this",
        "email this", "copy link", "print article", "save article", "reading list", "log out", "my account",
        "create an account", "create account", "forgot password", "forgot your password", "all rights",
        // German
        "weiterlesen", "mehr lesen", "mehr zum thema", "mehr dazu", "lesen sie auch", "lesen sie mehr",
        "auch interessant", "das könnte sie auch interessieren", "teilen", "jetzt teilen", "artikel teilen",
        "anmelden", "abmelden", "registrieren", "abonnieren", "jetzt abonnieren", "newsletter abonnieren",
        "werbung", "anzeige", "zum inhalt springen", "zum hauptinhalt", "datenschutz", "impressum", "kommentare",
        "kommentieren", "zurück", "nach oben", "alle rechte vorbehalten", "wir verwenden cookies", "verwandte artikel",
        "ähnliche artikel", "empfohlene artikel", "foto:", "bild:", "quelle:", "abbildung:",
        // French
        "lire aussi", "lire la suite", "à lire aussi", "a lire aussi", "en savoir plus", "voir aussi", "partager",
        "s'abonner", "s’abonner", "abonnez-vous", "se connecter", "connexion", "inscrivez-vous", "publicité",
        "aller au contenu", "passer au contenu", "mentions légales", "commentaires", "tous droits réservés",
        "nous utilisons des cookies", "articles similaires", "sur le même sujet", "retour en haut",
        // Spanish
        "leer más", "lee también", "lea también", "ver más", "compartir", "suscríbete", "suscribirse",
        "iniciar sesión", "regístrate", "publicidad", "saltar al contenido", "ir al contenido",
        "noticias relacionadas", "te puede interesar", "también te puede interesar", "comentarios", "aviso legal",
        "todos los derechos reservados", "utilizamos cookies", "volver arriba",
        // Italian
        "leggi anche", "leggi di più", "leggi tutto", "condividi", "iscriviti", "abbonati", "accedi",
        "pubblicità", "vai al contenuto", "commenti", "potrebbe interessarti", "articoli correlati",
        "tutti i diritti riservati", "utilizziamo i cookie", "torna su",
        // Portuguese
        "leia mais", "leia também", "veja também", "saiba mais", "compartilhar", "partilhar", "assine",
        "inscreva-se", "publicidade", "pular para o conteúdo", "ir para o conteúdo", "comentários",
        "notícias relacionadas", "todos os direitos reservados", "utilizamos cookies", "voltar ao topo",
        // Dutch
        "lees meer", "lees ook", "lees verder", "bekijk ook", "meer nieuws", "delen", "abonneer", "abonneren",
        "inloggen", "aanmelden", "advertentie", "naar de inhoud", "ga naar inhoud", "reacties",
        "alle rechten voorbehouden", "wij gebruiken cookies", "gerelateerde artikelen", "terug naar boven",
    ]
    /// Whole lines that are chrome (compared lowercased, without trailing punctuation).
    private static let exact: Set<String> = [
        "advertisement", "advert", "ad", "share", "tweet", "email", "print", "menu", "search", "home", "close",
        "reply", "comments", "comment", "facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit",
        "copy link", "copied", "more", "latest", "latest news", "news", "opinion", "video", "videos", "live",
        "sport", "sports", "weather", "next", "previous", "top", "load more", "show more", "read more", "x",
        "instagram", "youtube", "telegram", "flipboard", "messenger", "save", "saved", "follow", "cancel",
        "submit", "login", "logout", "sign out", "subscribe now", "listen", "play", "pause", "mute", "unmute",
        "share this", "share article", "related", "related posts", "tags", "categories", "archives", "about",
        "about us", "contact", "privacy", "terms", "faq", "help", "sitemap", "rss", "feedback", "skip",
        "skip to content", "skip to main content", "main menu", "navigation", "toggle navigation", "open menu",
        "back", "back to top", "top stories", "more stories", "advertising", "sponsored", "shares", "views",
        "like", "likes", "loading", "loading...", "print article", "email article", "gift article", "upvote",
        // German, French, Spanish, Italian, Portuguese, Dutch
        "teilen", "anzeige", "werbung", "weiterlesen", "menü", "suche", "startseite", "drucken", "kommentare",
        "abonnieren", "anmelden", "schließen", "mehr", "zurück", "partager", "publicité", "recherche", "accueil",
        "imprimer", "commentaires", "s'abonner", "connexion", "fermer", "plus", "compartir", "publicidad", "buscar",
        "inicio", "imprimir", "comentarios", "suscribirse", "cerrar", "más", "condividi", "pubblicità", "cerca",
        "stampa", "commenti", "iscriviti", "accedi", "chiudi", "altro", "compartilhar", "partilhar",
        "publicidade", "pesquisar", "comentários", "assinar", "entrar", "fechar", "mais", "delen", "advertentie",
        "zoeken", "reacties", "abonneren", "inloggen", "sluiten", "meer",
    ]
    /// Words that make a paragraph suspect as a site notice rather than reporting.
    static let noticeKeywords = [
        "subscri", "newsletter", "commenting", "comments", "readers", "readership", "cookie", "sign up", "log in",
        "moderat", "advertis", "terms of", "privacy", "rights reserved", "copyright", "sponsored", "your inbox",
        "javascript", "browser", "donate", "paywall", "premium",
        // German, French, Spanish, Italian, Portuguese, Dutch
        "abonn", "datenschutz", "werbung", "anmelden", "suscri", "publicidad", "iscriviti", "pubblicit", "assinante",
        "inscreva", "inloggen", "publicité",
    ]
    /// The legal small print under articles: counted with the notice keywords when
    /// weighing a paragraph, left out of `isNotice` which HTML blocks rely on.
    static let legalWords = [
        "©", "affiliate", "disclaimer", "compensation", "ad-blocker", "ad blocker", "adblock", "trademark",
        "your email", "email address", "amazon associate", "opt out", "opt-out",
        "license", "licence", "mailing list", "sign me up", "recaptcha", "unless otherwise",
        "unless stated otherwise", "reproduction", "written permission",
    ]
    static let captionMarkers = [
        "(image:", "(photo:", "(picture:", "(pictured", " picture: ", " photo: ", "photograph:", "image credit",
        "photo credit", "getty images", "(getty)", "/getty", "/ getty", "/reuters", "(reuters)", "/afp", "(afp)",
        "/ afp", "ap photo", "/ap)", "/pa)", "(pa)", "pa wire", "/shutterstock", "(shutterstock)", "/alamy",
        "/epa", "(epa)", "© ",
    ]

    /// True for a whole line or block that is furniture rather than article text.
    static func isChrome(_ text: some StringProtocol) -> Bool {
        ByteText.withBytes(text) { bytes in
            isChrome(bytes, 0..<bytes.count, words: wordCount(bytes, 0..<bytes.count))
        }
    }

    /// `isChrome` for the trimmed UTF-8 bytes of a line with `words` words.
    static func isChrome(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, words: Int) -> Bool {
        var coreStart = range.lowerBound
        var coreEnd = range.upperBound
        while coreStart < coreEnd {
            let n = max(ByteText.punctuationLength(bytes, coreStart), ByteText.spaceLength(bytes, coreStart))
            if n == 0 { break }
            coreStart += n
        }
        while coreEnd > coreStart {
            let n = max(
                ByteText.punctuationLengthBefore(bytes, coreEnd, floor: coreStart),
                ByteText.spaceLengthBefore(bytes, coreEnd, floor: coreStart))
            if n == 0 { break }
            coreEnd -= n
        }
        // Longer than every whole-line entry: no need to hash it.
        if coreEnd - coreStart <= exactMaxLength && exactSet.contains(bytes, coreStart..<coreEnd) { return true }
        if hasChromePrefix(bytes, range, words: words) { return true }
        // Text-mode browsers mark list entries ("* Click to share…", "+ Related: …").
        let unbulleted = afterBullet(bytes, range)
        return unbulleted != range && hasChromePrefix(bytes, unbulleted, words: words - 1)
    }

    private static func hasChromePrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, words: Int) -> Bool {
        guard !range.isEmpty else { return false }
        // "Subscribe…"/"Cookie…" open real sentences too; only short lines are furniture.
        if let limited = prefixList.first(bytes, range, where: { _ in true }) { return limited ? words <= 15 : true }
        return shortPrefixList.first(bytes, range, where: { colon in colon || words <= 12 }) != nil
    }

    /// `range` after a leading list bullet (`*`, `+`, `-`, `>`, `•`, `·`) or an image
    /// placeholder (`[photo.png]`, as lynx writes one) and its space.
    private static func afterBullet(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b == UInt8(ascii: "*") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ">") {
                i += 1
            } else if b == UInt8(ascii: "[") {
                var j = i + 1
                while j < range.upperBound && j - i <= 80 && bytes[j] != UInt8(ascii: "]") && bytes[j] != 0x20 {
                    j += 1
                }
                guard j < range.upperBound, bytes[j] == UInt8(ascii: "]") else { return range }
                i = j + 1
            } else if b == 0xE2, i + 2 < range.upperBound, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA2 {
                i += 3
            } else if b == 0xC2, i + 1 < range.upperBound, bytes[i + 1] == 0xB7 {
                i += 2
            } else {
                break
            }
            guard i < range.upperBound, bytes[i] == 0x20 else { return range }
            while i < range.upperBound && bytes[i] == 0x20 { i += 1 }
        }
        return i..<range.upperBound
    }

    /// True for an image caption or credit line.
    static func isCaption(_ text: some StringProtocol) -> Bool {
        ByteText.withBytes(text) { bytes in
            isCaption(bytes, 0..<bytes.count, words: wordCount(bytes, 0..<bytes.count))
        }
    }

    /// `isCaption` for the UTF-8 bytes of a line with `words` words.
    static func isCaption(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, words: Int) -> Bool {
        words <= 60 && captionPhrases.occurs(in: bytes, range)
    }

    /// True when the text talks about the site (comments, subscriptions, cookies …).
    static func isNotice(_ text: some StringProtocol) -> Bool {
        ByteText.withBytes(text) { isNotice($0, 0..<$0.count) }
    }

    /// `isNotice` for the UTF-8 bytes in `range`.
    static func isNotice(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        noticePhrases.occurs(in: bytes, range)
    }

    /// How many notice keywords occur in `range`, up to `limit`: one word such as
    /// "privacy" or "donate" is common in reporting, a site notice piles them up.
    static func noticeHits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, limit: Int = 3) -> Int {
        let hits = noticePhrases.count(in: bytes, range, limit: limit)
        guard hits < limit else { return hits }
        // "©" is counted apart: as the one two-byte phrase it would stop `legalPhrases`
        // from skipping ahead, and its bytes (C2 A9) overlap no ASCII phrase, so the two
        // counts add up to the count over the whole list.
        let legal = legalPhrases.count(in: bytes, range, limit: limit - hits)
        return hits + legal + copyrightMarks(bytes, range, limit: limit - hits - legal)
    }

    /// How many "©" (C2 A9) occur in `range`, up to `limit`.
    private static func copyrightMarks(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, limit: Int) -> Int {
        var found = 0
        var i = range.lowerBound
        while found < limit && i + 1 < range.upperBound {
            if bytes[i] == 0xC2 && bytes[i + 1] == 0xA9 {
                found += 1
                i += 2
            } else {
                i += 1
            }
        }
        return found
    }

    static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        var inWord = false
        var i = range.lowerBound
        while i < range.upperBound {
            let space = ByteText.spaceLength(bytes, i)
            if space > 0 {
                inWord = false
                i += space
            } else {
                if !inWord { count += 1 }
                inWord = true
                i += 1
            }
        }
        return count
    }

    private static let exactSet = WordSet(exact)
    private static let exactMaxLength = exact.map(\.utf8.count).max() ?? 0
    private static let lengthLimited: Set<String> = ["subscribe", "copyright", "register", "sign in", "newsletter"]
    /// Flagged: chrome on a short line only.
    private static let prefixList = PrefixList(prefixes) { $0.utf8.count <= 7 || lengthLimited.contains($0) }
    /// Flagged: ends with a colon, chrome whatever follows.
    private static let shortPrefixList = PrefixList(shortLinePrefixes) { $0.last == ":" }
    private static let captionPhrases = PhraseSet(captionMarkers)
    private static let noticePhrases = PhraseSet(noticeKeywords)
    private static let legalPhrases = PhraseSet(legalWords.filter { $0 != "©" })
}

/// Phrases a line may start with, looked up by their first two bytes and kept in one
/// buffer, so that trying one costs no reference counting; each carries a flag for the
/// caller.
private struct PrefixList: Sendable {
    /// Phrase `k` (in bucket order) is `bytes[starts[k]..<starts[k + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int]
    /// Phrase `k`'s first eight bytes (fewer when it is shorter) packed little endian, and
    /// the mask of the bytes it has: one comparison with a line's folded first eight bytes
    /// settles most candidates, where a byte loop went through the pair they share first.
    private let heads: [UInt64]
    private let headMasks: [UInt64]
    private let flags: [Bool]
    /// Phrases in pair slot `s` are `buckets[s]..<buckets[s + 1]`, in listing order.
    private let buckets: [Int]
    /// Bit `s` set when slot `s` holds a phrase: 512 bytes that stay in cache, where the
    /// 32 KiB of `buckets` do not, and most lines start with a pair no phrase starts with.
    private let occupied: [UInt64]

    init(_ phrases: [String], flag: (String) -> Bool) {
        precondition(phrases.allSatisfy { $0.utf8.count >= 2 }, "a prefix needs two bytes")
        // Each phrase's slot once: this runs at every start of the process.
        let slots = phrases.map { phrase in
            var utf8 = phrase.utf8.makeIterator()
            return PrefixList.slot(utf8.next()!, utf8.next()!)
        }
        let order = phrases.indices.sorted { (slots[$0], $0) < (slots[$1], $1) }
        var bytes: [UInt8] = []
        var starts = [0]
        var buckets = [Int](repeating: 0, count: PrefixList.slots + 1)
        for index in order {
            bytes += phrases[index].utf8
            starts.append(bytes.count)
            buckets[slots[index] + 1] += 1
        }
        var occupied = [UInt64](repeating: 0, count: PrefixList.slots / 64)
        for s in 0..<PrefixList.slots where buckets[s + 1] > 0 { occupied[s >> 6] |= 1 << UInt64(s & 63) }
        for s in 0..<PrefixList.slots { buckets[s + 1] += buckets[s] }
        self.occupied = occupied
        self.bytes = bytes
        self.starts = starts
        self.flags = order.map { flag(phrases[$0]) }
        self.buckets = buckets
        var heads: [UInt64] = []
        var headMasks: [UInt64] = []
        for index in order {
            let head = Array(phrases[index].utf8.prefix(8))
            heads.append(head.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64($1.offset * 8) })
            headMasks.append(head.count == 8 ? .max : (1 << UInt64(head.count * 8)) - 1)
        }
        self.heads = heads
        self.headMasks = headMasks
    }

    private static let slots = 4096

    /// Six bits of each folded byte; pairs that share a slot are told apart by comparing.
    @inline(__always)
    private static func slot(_ a: UInt8, _ b: UInt8) -> Int {
        Int(a & 0x3F) << 6 | Int(b & 0x3F)
    }

    /// The flag of the first phrase, in listing order, that `range` starts with (ASCII
    /// case folded) and whose flag `accept` takes; nil when there is none.
    @inline(__always)
    func first(
        _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, where accept: (Bool) -> Bool
    ) -> Bool? {
        guard range.count >= 2 else { return nil }
        let s = PrefixList.slot(ByteText.lower(text[range.lowerBound]), ByteText.lower(text[range.lowerBound + 1]))
        guard occupied[s >> 6] & (1 << UInt64(s & 63)) != 0 else { return nil }
        // The line's first eight bytes, lowered; bytes past the line are masked off, as no
        // phrase compared is longer than the line. Near the buffer's end, byte by byte.
        let wordReadable = range.lowerBound + 8 <= text.count
        let head = wordReadable ? ByteText.foldedWord(ByteText.word(text, at: range.lowerBound)) : 0
        for k in buckets[s]..<buckets[s + 1] {
            let start = starts[k]
            let length = starts[k + 1] - start
            guard length <= range.count else { continue }
            var j = 0
            if wordReadable {
                guard head & headMasks[k] == heads[k] else { continue }
                j = min(length, 8)
            }
            while j < length && ByteText.lower(text[range.lowerBound + j]) == bytes[start + j] { j += 1 }
            if j == length && accept(flags[k]) { return flags[k] }
        }
        return nil
    }
}
