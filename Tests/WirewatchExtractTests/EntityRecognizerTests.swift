import Testing

@testable import WirewatchExtract

/// Entity rules, one suite per family, on sentences from the samples and the dev corpus.
private func entities(_ body: String, title: String? = nil) -> [Article.Entity] {
    EntityRecognizer().entities(title: title, body: body)
}

private func named(_ name: String, _ list: [Article.Entity]) -> Article.Entity? {
    list.first { $0.name == name }
}

private func hasForm(_ form: String, _ list: [Article.Entity]) -> Bool {
    list.contains { $0.name == form || $0.aliases.contains(form) }
}

@Suite struct EntityTokenizerTests {
    @Test func initialismsFoldToTheirLetters() {
        let tokens = EntityTokenizer.tokenize(Array("the U.S. and the US".utf8))
        let words = tokens.filter(\.isWord)
        #expect(words.count == 5)
        #expect(words[1].key == words[4].key)
        #expect(words[1].flags.contains(.allCaps))
    }

    @Test func possessiveIsDroppedAndFlagged() {
        let tokens = EntityTokenizer.tokenize(Array("Russia’s bigger army and Russia's".utf8))
        #expect(tokens[0].flags.contains(.possessive))
        #expect(tokens[0].key == EntityTokenizer.hash("Russia"))
        #expect(tokens.last?.key == EntityTokenizer.hash("russia"))
    }

    @Test func hyphensSplitWordsAndSentenceStartsAreMarked() {
        let tokens = EntityTokenizer.tokenize(Array("US-made missiles. \"Out of caution\"".utf8))
        #expect(tokens[0].key == EntityTokenizer.hash("US"))
        #expect(tokens[1].flags.contains(.punctuation))
        let out = tokens.first { $0.key == EntityTokenizer.hash("out") }
        #expect(out?.flags.contains(.sentenceStart) == true)
    }
}

@Suite struct EntityLexiconTests {
    @Test func spellingVariantsOfPlacesJoin() {
        let list = entities(
            "Russian troops could be days away from conquering the capital Kiev. Mr Blinken will land in Kyiv on Wednesday."
        )
        let kyiv = named("Kyiv", list)
        #expect(kyiv?.type == .LOC)
        #expect(kyiv?.aliases.contains("Kiev") == true)
        #expect(kyiv?.mentions == 2)
    }

    @Test func acronymsJoinWhateverTheirCase() {
        let list = entities(
            "Nato will not embrace Ukraine. The US left meetings with Russia and NATO last week. The U.S. said so.")
        #expect(named("NATO", list)?.aliases.sorted() == ["NATO", "Nato"])
        #expect(named("United States", list)?.aliases.sorted() == ["U.S.", "US"])
    }

    @Test func shortCapitalAliasesNeedCapitals() {
        let list = entities("Tell us what you think. It is up to us.")
        #expect(!hasForm("United States", list))
    }
}

@Suite struct EntityPersonTests {
    @Test func surnameMentionsJoinTheFullNameAndTheRoleIsKept() {
        let list = entities(
            """
            The Biden administration will allow Ukraine to use American-supplied anti-personnel land mines, \
            US Defence Secretary Lloyd Austin has said.

            Speaking to reporters during a trip to Laos, Mr Austin said the shift in policy follows changing tactics.
            """)
        let austin = named("Lloyd Austin", list)
        #expect(austin?.type == .PER)
        #expect(austin?.aliases == ["Lloyd Austin", "Mr Austin"])
        #expect(austin?.role == "US Defence Secretary")
        #expect(!hasForm("Defence Secretary", list))
    }

    @Test func spellingVariantsOfPeopleJoin() {
        let list = entities(
            """
            US Secretary of State, Anthony Blinken is heading to Ukraine to meet President Volodymyr Zelenskyy.

            "We will continue to provide Ukraine the support it needs," Secretary of State Antony Blinken said.

            He will meet Mr Zelensky on Wednesday.
            """)
        #expect(list.filter { $0.type == .PER }.count == 2)
        #expect(named("Antony Blinken", list)?.aliases.contains("Anthony Blinken") == true)
        #expect(named("Volodymyr Zelensky", list)?.aliases.contains("Mr Zelensky") == true)
    }

    @Test func unknownPeopleFromTitlesAndSpeechVerbs() {
        let list = entities(
            """
            Kremlin press secretary Dmitry Peskovsky said the decision was reckless.

            "We prepared a response for each scenario," Olena Hrytsenko told reporters.
            """)
        let peskovsky = named("Dmitry Peskovsky", list)
        #expect(peskovsky?.type == .PER)
        #expect(peskovsky?.role == "Kremlin press secretary")
        #expect(named("Olena Hrytsenko", list)?.type == .PER)
        #expect(named("Kremlin", list)?.type == .ORG)
    }

    @Test func nicknamesJoinGivenNames() {
        let list = entities(
            "CIA Director William Burns visited Kiev last Wednesday. CIA Director Bill Burns traveled to Kyiv.")
        let burns = named("William Burns", list)
        #expect(burns?.aliases == ["William Burns", "Bill Burns"])
        #expect(burns?.role == "CIA Director")
    }
}

@Suite struct EntityOrganizationTests {
    @Test func countriesBeforeInstitutionsMakeOneOrganisation() {
        let list = entities(
            """
            A statement from the US Department of State Consular Affairs said the Embassy will be closed.

            The UK Government has said it is examining the security situation. The Russian Foreign Ministry said \
            Mr Lavrov emphasised the key aspects.
            """)
        #expect(named("US Department of State Consular Affairs", list)?.type == .ORG)
        #expect(named("UK Government", list)?.type == .ORG)
        #expect(named("Russian Foreign Ministry", list)?.type == .ORG)
        #expect(!hasForm("United Kingdom", list))
    }

    @Test func organisationSuffixesAndHeadsTypeUnknownNames() {
        let list = entities(
            """
            Peter Swailes Jr, 56, pleaded guilty at Carlisle Crown Court on Tuesday.

            It could help weaken the Russian war effort, according to the Institute for the Study of Warfare, \
            a Washington think tank.
            """)
        #expect(named("Carlisle Crown Court", list)?.type == .ORG)
        #expect(named("Institute for the Study of Warfare", list)?.type == .ORG)
        #expect(named("Washington, D.C.", list)?.type == .LOC)
    }

    @Test func aLoneInstitutionWordJoinsTheInstitutionItEnds() {
        let list = entities(
            """
            "The US Embassy in Kyiv has received specific information of a potential significant air attack.

            "Out of an abundance of caution, the Embassy will be closed, and Embassy employees are being instructed \
            to shelter in place.
            """)
        let embassy = named("US Embassy", list)
        #expect(embassy?.type == .ORG)
        #expect(embassy?.mentions == 3)
        #expect(!list.contains { $0.name == "Embassy" || $0.name == "Out" })
    }
}

@Suite struct EntityDemonymTests {
    @Test func demonymsUsedAsActorsJoinTheirCountry() {
        let list = entities(
            "Ukraine will use the mines to help fight off Russian forces. The Spanish, Italian and Greek embassies shut."
        )
        #expect(named("Russia", list)?.aliases == ["Russian"])
        #expect(named("Spanish", list)?.type == .MISC)
        #expect(named("Greek", list)?.type == .MISC)
    }

    @Test func regionsAfterPlacesAreTheirOwnPlace() {
        let list = entities(
            "Russia is slowly pushing Ukraine’s outnumbered army backwards in the eastern Donetsk region.")
        #expect(named("Donetsk region", list)?.type == .LOC)
        #expect(named("Donetsk", list) == nil)
    }
}

@Suite struct EntityWeaponTests {
    @Test func namedSystemsModelsAndDescriptions() {
        let list = entities(
            """
            Ukraine had fired British-made Storm Shadow cruise missiles at Russia for the first time. \
            It carried out its first strike with US ATACMS missiles, and Russian Su-34 bombers struck Kharkiv.

            They have also agreed to provide Ukraine with controversial anti-personnel mines.
            """)
        #expect(named("Storm Shadow", list)?.type == .WEAPON)
        #expect(named("MGM-140 ATACMS", list)?.aliases == ["ATACMS"])
        #expect(named("Su-34", list)?.type == .WEAPON)
        let mines = list.first { $0.aliases.contains("anti-personnel mines") }
        #expect(mines?.type == .WEAPON)
        #expect(mines?.nominal == true)
        #expect(hasForm("United Kingdom", list) || hasForm("British", list))
    }
}

@Suite struct EntityCapitalsTests {
    @Test func sentenceStartsQuotesAndShoutingMakeNoEntities() {
        let list = entities(
            """
            Embassy employees were told to shelter in place. The US embassy in Kyiv has closed.

            "We will do everything we can to keep British citizens safe."

            Sturgeon humiliated: Scotland to lift COVID restrictions [REVEAL]

            WHO in Covid update TODAY after England praised [REPORT]

            Measures are being taken by multiple other nations. Triggering it would mean officials are redeployed.
            """)
        for word in ["Embassy", "We", "REVEAL", "TODAY", "REPORT", "Measures", "Triggering", "Sturgeon humiliated"] {
            #expect(!list.contains { $0.name == word }, "\(word)")
        }
        #expect(hasForm("Scotland", list))
        #expect(hasForm("England", list))
    }

    @Test func headlineCaseTitlesOnlyKeepConfirmedNames() {
        let list = entities(
            "Russia could invade Ukraine at any point, officials said.",
            title: "Russia Threatened With War As Washington Declares Ukraine Could Be Invaded At ‘Any Point’")
        let names = Set(list.map(\.name))
        #expect(names == ["Russia", "Ukraine", "Washington, D.C."])
    }

    @Test func titleCaseLinesInBodiesAreNotPeople() {
        let list = entities("Vegetable Medley\n\nPrivacy Statement\n\nThe soup was served with bread.")
        #expect(list.isEmpty)
    }
}
