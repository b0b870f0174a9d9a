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
    /// Whole lines that are chrome (compared lowercased, without trailing punctuation).
    private static let exact: Set<String> = [
        "advertisement", "advert", "ad", "share", "tweet", "email", "print", "menu", "search", "home", "close",
        "reply", "comments", "comment", "facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit",
        "copy link", "copied", "more", "latest", "latest news", "news", "opinion", "video", "videos", "live",
        "sport", "sports", "weather", "next", "previous", "top", "load more", "show more", "read more", "x",
        "instagram", "youtube", "telegram", "flipboard", "messenger", "save", "saved", "follow", "cancel",
        "submit", "login", "logout", "sign out", "subscribe now", "listen", "play", "pause", "mute", "unmute",
    ]
    /// Words that make a paragraph suspect as a site notice rather than reporting.
    private static let noticeKeywords = [
        "subscri", "newsletter", "commenting", "comments", "readers", "readership", "cookie", "sign up", "log in",
        "moderat", "advertis", "terms of", "privacy", "rights reserved", "copyright", "sponsored", "your inbox",
        "javascript", "browser", "donate", "paywall", "premium",
    ]
    private static let captionMarkers = [
        "(image:", "(photo:", "(picture:", "(pictured", " picture: ", " photo: ", "photograph:", "image credit",
        "photo credit", "getty images", "(getty)", "/getty", "/ getty", "/reuters", "(reuters)", "/afp", "(afp)",
        "/ afp", "ap photo", "/ap)", "/pa)", "(pa)", "pa wire", "/shutterstock", "(shutterstock)", "/alamy",
        "/epa", "(epa)", "© ",
    ]

    /// True for a whole line or block that is furniture rather than article text.
    static func isChrome(_ text: some StringProtocol) -> Bool {
        let lower = text.lowercased()
        let core = String(lower.trimmingPunctuation())
        if exact.contains(core) { return true }
        for prefix in prefixes where lower.hasPrefix(prefix) {
            // "Subscribe…"/"Cookie…" open real sentences too; only short lines are furniture.
            if prefix.count <= 7 || ["subscribe", "copyright", "register", "sign in", "newsletter"].contains(prefix) {
                return text.split(separator: " ").count <= 15
            }
            return true
        }
        return false
    }

    /// True for an image caption or credit line.
    static func isCaption(_ text: some StringProtocol) -> Bool {
        let lower = Array(text.lowercased().utf8)
        return captionNeedles.contains { containsBytes(lower, $0) } && text.split(separator: " ").count <= 60
    }

    /// True when the text talks about the site (comments, subscriptions, cookies …).
    static func isNotice(_ text: some StringProtocol) -> Bool {
        let lower = Array(text.lowercased().utf8)
        return noticeNeedles.contains { containsBytes(lower, $0) }
    }

    // Substring search on UTF-8 bytes: String.contains compares Characters and was the
    // hottest spot of text-dump extraction.
    private static let captionNeedles = captionMarkers.map { Array($0.utf8) }
    private static let noticeNeedles = noticeKeywords.map { Array($0.utf8) }

    private static func containsBytes(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        let last = haystack.count - needle.count
        var i = 0
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
