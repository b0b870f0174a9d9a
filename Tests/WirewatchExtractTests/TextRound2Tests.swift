import Foundation
import Testing

@testable import WirewatchExtract

private func body(_ dump: String) throws -> [String] {
    let article = try Extractor().extract(Dump(name: "d.txt", path: "", bytes: Array(dump.utf8)))
    return article.body.components(separatedBy: "\n\n")
}

/// Round-two text rules, each on lines taken from the development corpus.
@Suite struct TextRound2Tests {
    @Test func oneNoticeWordDoesNotMakeALongParagraphANotice() {
        let line =
            "On hand to present the supplies is Atlantis Veterinarian Dr. Amanda Pinder who expressed excitement to "
            + "be able to donate these much-needed supplies to assist Baark in their work. She said the clinic "
            + "would use them for months to come across the islands and beyond."
        let roles = TextDumpExtractor().roles(line)
        #expect(roles.first?.role == .prose)
        let notice = "Sign up to get the best content of the week, and great gaming deals, as picked by the editors."
        #expect(TextDumpExtractor().roles(notice).first?.role == .shortProse)
        let legal =
            "Some rights reserved 2017-2023 by Heartland Newsfeed, a subsidiary partnership by Heartland Internet "
            + "Media Networks and Heartland Media Group of Central Illinois LLC. Content published by Heartland "
            + "Newsfeed staff is covered by the BipCot NoGov license, the rest belongs to the authors who wrote "
            + "it and to nobody else."
        #expect(
            Boilerplate.noticeHits(Array(legal.utf8).withUnsafeBufferPointer { $0 }, 0..<legal.utf8.count) >= 2)
    }

    @Test func hardWrappedLinesAreJoined() {
        let dump = """
            Some of our phone call apps may use this permission to read your contacts information when you request. We do not
            collect or transfer this information.
            Some of our phone call apps may use this permission to edit your contacts information when you request. We do not
            collect or transfer this information.
            """
        let roles = TextDumpExtractor().roles(dump)
        #expect(roles.count == 2)
        #expect(roles.allSatisfy { $0.role == .prose })
        #expect(roles.first?.text.hasSuffix("collect or transfer this information.") == true)
    }

    @Test func headlineAndBylineAreNotJoined() {
        let dump = """
            Council approves the new housing plan after a long debate on Monday night in the town hall
            by Ann Other
            """
        #expect(TextDumpExtractor().roles(dump).count == 2)
    }

    @Test func codeThatClosesTheArticleIsKept() throws {
        let dump = """
            Skip to main content
            Copy & paste from tmux to system clipboard
            2020-01-16
            For the first time in many years I am using a Linux machine for my work. In general I am extremely pleased with the system I've set up. But some things just do not work the way I am used to.
            Like... copy selected text from a tmux pane to the clipboard.
            As usual, StackOverflow knows the answer. In short:
            # .tmux.conf
            set-option -g mouse on
            set-option -s set-clipboard off
            bind-key -T copy-mode-vi MouseDragEnd1Pane send-keys -X copy-pipe-and-cancel "xclip -se c -i"
            linux
            tmux
            Previous post
            Next post
            Archive – RSS – Impressum – Datenschutz – 2009-2020 by Florian Posdziech – Powered by Nikola
            All content is licensed under a Creative Commons Attribution 4.0 International License, unless stated otherwise. Embedded YouTube videos are not covered by this license and belong to their owners.
            """
        let paragraphs = try body(dump)
        #expect(paragraphs.first?.hasPrefix("For the first time") == true)
        #expect(paragraphs.contains("set-option -s set-clipboard off"))
        #expect(!paragraphs.contains { $0.contains("Creative Commons") })
    }

    @Test func newsletterBoxAfterTheArticleIsDropped() throws {
        let dump = """
            Lemon trees grow well indoors when they get at least eight hours of sun a day, which is why a south window is the best place for them in winter.
            Water the tree when the top inch of the soil is dry, and feed it every few weeks in spring and summer with a fertiliser made for citrus.
            If the leaves drop, the tree is usually too cold or too dry, and moving it away from a draughty door is often all it needs to recover.
            Join our mailing list!
            We can help you grow the indoor garden of your dreams. Plant care advice and exclusive monthly mails.
            Subscribe today!
            """
        let paragraphs = try body(dump)
        #expect(paragraphs.count == 3)
        #expect(paragraphs.last?.hasPrefix("If the leaves drop") == true)
    }
}
