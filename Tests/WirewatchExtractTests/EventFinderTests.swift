import Testing

@testable import WirewatchExtract

/// Event triggers per type, their CAMEO codes and Goldstein values, guards, and the
/// actor, target and place around them. Sentences from the samples unless noted.
@Suite struct EventFinderTests {
    func events(_ text: String, published: String? = nil, entities: [Article.Entity] = []) -> [Article.Event] {
        ArticleFacts(body: text, published: published, entities: entities).events
    }

    func event(_ type: String, in text: String, published: String? = nil) -> Article.Event? {
        events(text, published: published).first { $0.type == type }
    }

    @Test func missileStrikeWithActorAndPlace() throws {
        let strike = try #require(
            event(
                "missile_strike",
                in: "It comes after Ukraine carried out its first strike on Russian territory with US ATACMS missiles "
                    + "on the 1,000th day of war, according to Russian state media."))
        #expect(strike.cameo == "195")
        #expect(strike.goldstein == -10.0)
        #expect(strike.actor == "Ukraine")
        #expect(strike.target == "Russia")
        #expect(strike.location == "Russia")
        #expect(strike.sentence == 0)
    }

    @Test func airAttackWarningAndEmbassyClosureInOneSentence() throws {
        let found = events(
            "The US embassy in Kyiv has closed after receiving intelligence of a potential \"significant air attack\".")
        let warning = try #require(found.first { $0.type == "air_attack_warning" })
        let closure = try #require(found.first { $0.type == "embassy_closure" })
        #expect(warning.cameo == "1384" && warning.goldstein == -7.0)
        #expect(closure.cameo == "161" && closure.goldstein == -4.0)
        #expect(closure.actor == "US embassy")
        #expect(closure.location == "Kyiv")
        #expect(!found.contains { $0.type == "missile_strike" })
    }

    @Test func nuclearThreat() throws {
        let threat = try #require(
            event(
                "nuclear_threat",
                in: "On Tuesday, Vladimir Putin signed a new doctrine lowering the threshold for the use of nuclear "
                    + "weapons."))
        #expect(threat.cameo == "1385" && threat.goldstein == -7.0)
        #expect(threat.actor == "Vladimir Putin")
    }

    @Test func troopBuildupDeploymentAndTraining() throws {
        let buildup = try #require(
            event(
                "troop_buildup",
                in: "Russia has massed 100,000 troops with tanks and other heavy weapons on its own soil near the "
                    + "Ukrainian border."))
        #expect(buildup.cameo == "154" && buildup.goldstein == -7.2 && buildup.actor == "Russia")
        let deployment = try #require(
            event(
                "troop_deployment",
                in: "The war has taken on a growing international dimension with the arrival of North Korean troops "
                    + "to help Russia on the battlefield."))
        #expect(deployment.cameo == "062" && deployment.goldstein == 7.4)
        #expect(deployment.actor == "North Korea")
        let training = try #require(
            event(
                "military_training",
                in: "The British soldiers will train Ukrainian forces in using the defensive "
                    + "weapon systems."))
        #expect(training.cameo == "062" && training.actor == "United Kingdom")
    }

    @Test func weaponsSupplyFromAndTo() throws {
        let supply = try #require(
            event(
                "weapons_supply",
                in: "Weapons were flown from Britain to Ukraine as US intelligence suggests Russia could be planning "
                    + "an invasion, according to The Telegraph."))
        #expect(supply.cameo == "072" && supply.goldstein == 8.3)
        #expect(supply.actor == "United Kingdom")
        #expect(supply.target == "Ukraine")
        let supplied = try #require(
            event(
                "weapons_supply",
                in: "The Biden administration will allow Ukraine to use American-supplied anti-personnel land mines "
                    + "to help fight off Russian forces."))
        #expect(supplied.actor == "United States")
    }

    @Test func sanctionsAndTheirThreat() throws {
        let threat = try #require(
            event(
                "sanctions_threat",
                in: "US officials left the meetings even with the punishing sanctions and increased NATO presence in "
                    + "eastern Europe currently on the table."))
        #expect(threat.cameo == "1312" && threat.goldstein == -5.8)
        // Written in the samples' style; the corpus holds no sanctions story.
        let imposed = try #require(event("sanctions", in: "The EU imposed new sanctions on Russian banks on Monday."))
        #expect(imposed.cameo == "163" && imposed.goldstein == -8.0)
        #expect(event("sanctions", in: "Punishing sanctions are on the table to deter Russia.") == nil)
    }

    @Test func travelAdvisoryHasNoCameoCode() throws {
        let advisory = try #require(
            event(
                "travel_advisory",
                in: "Yesterday, Canadian Prime Minister warned his citizens to avoid all but essential travel to "
                    + "Ukraine."))
        #expect(advisory.cameo == nil && advisory.goldstein == nil)
        #expect(advisory.actor == "Canada")
        #expect(event("diplomatic_visit", in: "Canadians should avoid all but essential travel to Ukraine.") == nil)
    }

    @Test func visitsMeetingsAndPhoneCalls() throws {
        let visit = try #require(
            event(
                "diplomatic_visit",
                in:
                    "CIA Director William Burns visited Kiev last Wednesday to consult with his Ukrainian counterparts.",
                published: "2022-01-19"))
        #expect(visit.cameo == "042" && visit.goldstein == 1.9)
        #expect(visit.actor == "William Burns")
        #expect(visit.location == "Kiev")
        #expect(visit.date == "2022-01-12")
        let call = try #require(
            event(
                "diplomatic_meeting",
                in: "Mr Blinken spoke by phone on Tuesday with Mr Lavrov, discussing the diplomatic talks.",
                published: "2022-01-19"))
        #expect(call.cameo == "041" && call.goldstein == 1.0)
        #expect(call.date == "2022-01-18")
        let intent = try #require(
            event(
                "intent_to_meet",
                in:
                    "Mr Blinken spoke to his counterpart, Russian Foreign Minister Sergey Lavrov, on Tuesday. During the "
                    + "call, the two agreed to meet in Geneva on Friday."))
        #expect(intent.cameo == "036" && intent.goldstein == 4.0)
        #expect(intent.location == "Geneva")
    }

    @Test func oneSentenceTwoMeetingPlaces() {
        let meetings = events(
            "The US and its allies firmly rejected Moscow's demands during last week's Russia-US negotiations in "
                + "Geneva and a related Nato-Russia meeting in Brussels."
        ).filter { $0.type == "diplomatic_meeting" }
        #expect(meetings.map(\.location) == ["Geneva", "Brussels"])
        #expect(meetings.first?.cameo == "044")
        #expect(meetings.first?.actor == "United States")
    }

    @Test func accusationAndPolicyChange() throws {
        let accusation = try #require(
            event(
                "accusation",
                in: "The meetings appear to have increased fears of a Russian invasion, and the Biden administration "
                    + "has accused Russia of preparing a \"false flag operation\" to use as a pretext for intervention."
            ))
        #expect(accusation.cameo == "112" && accusation.goldstein == -2.0)
        #expect(accusation.actor == "Biden administration")
        #expect(accusation.target == "Russia")
        let sentence =
            "It comes just days after the Biden administration gave Kyiv the green light to use long-range missiles "
            + "inside Russia, despite fears it could escalate the conflict beyond control."
        let change = try #require(event("policy_change", in: sentence))
        #expect(change.cameo == nil)
        #expect(change.actor == "Biden administration")
        #expect(event("weapons_supply", in: sentence) == nil)
        #expect(event("missile_strike", in: sentence) == nil)
    }

    @Test func negationsAndHypotheticalsDoNotTrigger() {
        #expect(
            event(
                "troop_deployment",
                in: "President Joe Biden has said that sending US combat troops to Ukraine to fight a war with Russia "
                    + "is off the table.") == nil)
        #expect(
            event(
                "missile_strike",
                in: "Officials declined to say whether Ukraine is using French long-range SCALP missiles to strike "
                    + "targets in Russia.") == nil)
        #expect(events("British and Ukrainian officials did not confirm the reports.").isEmpty)
    }

    @Test func quotedStatementsDoNotTriggerButScareQuotesDo() {
        #expect(
            events(
                "Kremlin press secretary Dmitry Peskov said: \"The Russian Federation reserves the right to use nuclear "
                    + "weapons in the event of aggression with the use of conventional weapons against it.\""
            ).isEmpty)
        #expect(
            event(
                "accusation",
                in: "The Prime Minister told the Russian President to stop his “disinformation campaign” as fears "
                    + "rise.") != nil)
    }

    @Test func pronounActorFollowsThePreviousActor() throws {
        let found = events(
            "The US Secretary of State Antony Blinken will be in Kiev on Wednesday to meet Ukrainian President "
                + "Volodymyr Zelensky.\n\nHe will then move on to Berlin, and then meet Russian foreign minister Sergey "
                + "Lavrov in Geneva on Friday, according to the State Department.",
            published: "2022-01-19")
        let geneva = try #require(found.first { $0.type == "diplomatic_meeting" && $0.location == "Geneva" })
        #expect(geneva.actor == "Antony Blinken")
        #expect(geneva.target == "Sergey Lavrov")
        #expect(geneva.date == "2022-01-21")
        #expect(geneva.sentence == 1)
    }

    @Test func eventsNeedAStateInTheSentence() {
        // Corpus pages: a crime report and a company notice.
        #expect(
            events(
                "Three people have been arrested for allegedly running the secretive brothel network that marketed "
                    + "primarily Asian women to hundreds of clients."
            ).isEmpty)
        #expect(events("The board meeting was held on Tuesday and talks with the union went well.").isEmpty)
    }

    @Test func ordinaryPagesStayQuiet() {
        // Corpus page (timesofisrael_com_washington): a court appointment, no events.
        #expect(
            events(
                "Governor Jay Inslee appointed Montoya-Lewis, 51, to serve on Washington’s highest court. While it is "
                    + "newsworthy she’s the first Native American to be sworn in, as Montoya-Lewis herself said, “The "
                    + "most important thing is that I not be the last.”"
            ).isEmpty)
    }

    @Test func clausesListsAndOpeningAdverbials() throws {
        let embassies = try #require(
            event(
                "embassy_closure",
                in:
                    "The Spanish, Italian and Greek embassies also shut to the public for the day, but the UK government "
                    + "and France said that their embassies remained open."))
        #expect(embassies.actor == "Spain")
        let found = events(
            "Ahead of the trip, Mr Blinken spoke to his counterpart, Russian Foreign Minister Sergey Lavrov, on "
                + "Tuesday. During the call, the two agreed to meet in Geneva on Friday.")
        let geneva = try #require(found.first { $0.type == "diplomatic_meeting" && $0.sentence == 1 })
        #expect(geneva.actor == "Blinken")
        #expect(geneva.location == "Geneva")
    }
}
