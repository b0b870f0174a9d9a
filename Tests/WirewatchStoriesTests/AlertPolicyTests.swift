import Testing
import WirewatchExtract

@testable import WirewatchStories

@Suite struct AlertPolicyTests {
    let strike = article(
        "a1", title: "Missiles hit Kyiv", publisher: "LBC", body: "Missiles hit Kyiv overnight.",
        events: [event("missile_strike", at: "Kyiv"), event("air_attack_warning", at: "Kyiv")],
        entities: [entity("Kyiv", .LOC, aliases: ["Kyiv", "Kiev"]), entity("Volodymyr Zelensky", .PER)])

    /// Feeds articles through the policy the way the store does, one story, and returns the
    /// decisions.
    func run(_ policy: AlertPolicy, _ articles: [Article]) -> [AlertDecision] {
        var view = StoryView(id: "s1")
        var history = StoryAlertHistory()
        var decisions: [AlertDecision] = []
        for article in articles {
            let decision = policy.decide(article: article, before: view, history: history, file: article.id)
            if let alert = decision.alert {
                if alert.kind == .newStory { history.alerted = true }
                if alert.kind != .corroborated {
                    history.mostSevere = min(history.mostSevere ?? alert.priority, alert.priority)
                }
            }
            view = view.adding(article)
            decisions.append(decision)
        }
        return decisions
    }

    @Test func defaultPriorityFollowsTheWorstGoldstein() {
        let decision = run(AlertPolicy(), [strike])[0]
        #expect(decision.outcome == .newStory)
        #expect(decision.alert?.priority == 2)
        #expect(decision.alert?.rule == "default")
        #expect(decision.alert?.event == "missile_strike")
        #expect(decision.alert?.story == "s1")
        #expect(decision.alert?.message.hasPrefix("CRITICAL: Missiles hit Kyiv (LBC) — missile_strike in Kyiv") == true)
        let quiet = article("q", title: "Talks", events: [event("diplomatic_meeting", at: "Geneva")])
        #expect(run(AlertPolicy(), [quiet])[0].alert?.priority == 6)
        let closure = article("c", title: "Embassy shut", events: [event("embassy_closure", at: "Kyiv")])
        #expect(run(AlertPolicy(), [closure])[0].alert?.priority == 5)
        let threat = article("t", title: "Threat", events: [event("nuclear_threat", at: "Russia")])
        #expect(run(AlertPolicy(), [threat])[0].alert?.priority == 4)
    }

    @Test func aStoryAlertsOnceThenCorroboratesAtTwoFiveAndTenOutlets() {
        var articles = [strike]
        for index in 2...11 {
            articles.append(
                article(
                    "a\(index)", title: "Report \(index)", publisher: "Outlet \(index)",
                    events: [event("missile_strike", at: "Kyiv")]))
        }
        articles.insert(article("same", title: "Same outlet again", publisher: "LBC"), at: 1)
        let decisions = run(AlertPolicy(), articles)
        #expect(decisions.map(\.outcome).filter { $0 == .newStory }.count == 1)
        let corroborated = decisions.filter { $0.outcome == .corroborated }
        #expect(corroborated.map { $0.alert?.sources } == [2, 5, 10])
        #expect(corroborated.allSatisfy { $0.alert?.priority == 5 && $0.alert?.kind == .corroborated })
        #expect(decisions[1].outcome == .none)
        #expect(decisions.filter { $0.alert != nil }.count == 4)
    }

    @Test func aWorseEventEscalatesAndTheSameOneDoesNot() {
        let closure = article(
            "c1", title: "Embassy shut", publisher: "LBC", events: [event("embassy_closure", at: "Kyiv")])
        let again = article(
            "c2", title: "Embassy still shut", publisher: "LBC", events: [event("embassy_closure", at: "Kyiv")])
        let worse = article(
            "c3", title: "Missiles hit", publisher: "LBC", events: [event("missile_strike", at: "Kyiv")])
        let decisions = run(AlertPolicy(), [closure, again, worse])
        #expect(decisions.map(\.outcome) == [.newStory, .none, .escalated])
        #expect(decisions[2].alert?.priority == 2)
        #expect(decisions[2].alert?.kind == .escalated)
        #expect(decisions[2].alert?.event == "missile_strike")
    }

    @Test func rulesNeedEveryConditionAndTheMostSevereWins() {
        let cityWatch = AlertRule(
            name: "kyiv-air", events: ["air_attack_warning"], locations: ["Kiev"], priority: 2)
        let people = AlertRule(name: "people", entities: ["Zelensky", "Volodymyr Zelensky"], priority: 4)
        let twoSources = AlertRule(name: "confirmed", minSources: 2, priority: 1)
        let policy = AlertPolicy(rules: [people, cityWatch, twoSources])
        let decision = run(policy, [strike])[0]
        #expect(decision.alert?.rule == "kyiv-air")
        #expect(decision.alert?.priority == 2)

        // The warning is in Lviv: the city watch does not hold, the watchlist does.
        var elsewhere = strike
        elsewhere.events = [event("air_attack_warning", at: "Lviv")]
        #expect(run(policy, [elsewhere])[0].alert?.rule == "people")

        // No rule matches: no alert, and the decision says why.
        let nothing = run(policy, [article("n", title: "Grain", body: "Grain exports rose.")])[0]
        #expect(nothing.outcome == .none)
        #expect(nothing.reason == "no rule matches the story")
    }

    @Test func minSourcesMakesTheSecondOutletTheNewStory() {
        let policy = AlertPolicy(rules: [AlertRule(name: "confirmed", minSources: 2, priority: 4)])
        let second = article("b", title: "Also", publisher: "Herald", events: [event("missile_strike", at: "Kyiv")])
        let decisions = run(policy, [strike, second])
        #expect(decisions.map(\.outcome) == [.none, .newStory])
        #expect(decisions[1].alert?.sources == 2)
    }

    @Test func keywordsMatchAtWordStartsAndPublishersIgnoreCase() {
        let rule = AlertRule(name: "sanctions", keywords: ["sanction"], publishers: ["lbc"], priority: 4)
        let hit = article("k", title: "EU widens sanctions", publisher: "LBC", body: "New sanctions.")
        let miss = article("m", title: "Progress toward talks", publisher: "LBC", body: "Unsanctioned.")
        #expect(rule.matches(StoryView(id: "s").adding(hit), article: hit))
        #expect(!rule.matches(StoryView(id: "s").adding(miss), article: miss))
        var other = hit
        other.publisher = "Herald"
        #expect(!rule.matches(StoryView(id: "s").adding(other), article: other))
        #expect(AlertRule.containsWordStart("war", in: "the war began"))
        #expect(!AlertRule.containsWordStart("war", in: "toward"))
    }

    @Test func alertsBelowMinPriorityAreDecidedButNotSent() {
        let quiet = article("q", title: "Talks", events: [event("diplomatic_meeting", at: "Geneva")])
        let decision = run(AlertPolicy(minPriority: 5), [quiet])[0]
        #expect(decision.outcome == .newStory)
        #expect(decision.alert?.priority == 6)
        #expect(!decision.sent)
        #expect(decision.reason.contains("below min_priority notice"))
        #expect(run(AlertPolicy(minPriority: 5), [strike])[0].sent)
    }

    @Test func aMoreSevereRuleLaterEscalates() {
        let policy = AlertPolicy(rules: [
            AlertRule(name: "any", priority: 6), AlertRule(name: "confirmed", minSources: 2, priority: 3),
        ])
        let second = article("b", title: "Also", publisher: "Herald", events: [event("missile_strike", at: "Kyiv")])
        let decisions = run(policy, [strike, second])
        #expect(decisions.map(\.outcome) == [.newStory, .escalated])
        #expect(decisions[1].alert?.rule == "confirmed")
        #expect(decisions[1].alert?.priority == 3)
    }
}
