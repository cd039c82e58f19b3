import RexModel

/// Coreference scores: MUC (Vilain et al. 1995) and B³ (Bagga and Baldwin 1998), over ORG, PLACE and
/// PERSON mentions.
///
/// Which mentions are scored: gold and predicted ORG/PLACE/PERSON mentions (names and nominals). A predicted
/// mention stands for the gold mention it is aligned with (relaxed overlap, one-to-one, any of the three
/// types, so that a typing error does not also count as a coreference error). Twinless mentions are handled
/// as the CoNLL-2012 reference scorer handles system mentions (Pradhan et al. 2014): a gold mention with no
/// predicted twin counts against recall only (it is in no predicted cluster), a predicted mention with no
/// gold twin counts against precision only. A mention without an entity is a singleton. So a prediction
/// with no mentions scores 0, not the free precision that padding the response with singletons would give.
///
/// `nominal` is the share of gold nominal mentions resolved to the right entity: a gold nominal mention counts
/// as right when its predicted twin (the same alignment) has an entity and that entity is the gold entity's
/// predicted cluster (see `CorefScoring.nominalAccuracy`).
public struct CorefScores: Codable, Sendable, Equatable {
    public var muc = PRSums()
    public var b3 = PRSums()
    public var nominal = Ratio()
    public init(muc: PRSums = PRSums(), b3: PRSums = PRSums(), nominal: Ratio = Ratio()) {
        self.muc = muc; self.b3 = b3; self.nominal = nominal
    }
    public static func + (a: CorefScores, b: CorefScores) -> CorefScores {
        CorefScores(muc: a.muc + b.muc, b3: a.b3 + b.b3, nominal: a.nominal + b.nominal)
    }

    enum CodingKeys: String, CodingKey { case muc, b3, nominal }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        muc = try c.decode(PRSums.self, forKey: .muc)
        b3 = try c.decode(PRSums.self, forKey: .b3)
        nominal = try c.decodeIfPresent(Ratio.self, forKey: .nominal) ?? Ratio()
    }
}

public enum CorefScoring {
    /// The mention types whose clusters are scored.
    public static let types: Set<MentionType> = [.org, .place, .person]

    public static func score(gold: [Mention], pred: [Mention]) -> CorefScores {
        let g = gold.filter { types.contains($0.type) }, p = pred.filter { types.contains($0.type) }
        let (key, response) = clusterings(gold: g, pred: p)
        return CorefScores(muc: muc(key: key, response: response), b3: bCubed(key: key, response: response),
                           nominal: nominalAccuracy(gold: g, pred: p))
    }

    /// The share of gold nominal mentions resolved to the right entity.
    ///
    /// Each gold entity has a target cluster: the predicted entity that holds the most twins of its name
    /// mentions; for an entity the document never names (or whose names have no twin in any predicted entity),
    /// the predicted entity that holds the most twins of its mentions, unless that one is another gold entity's
    /// target. Ties go to the cluster whose first such twin comes first. A gold nominal mention is right when
    /// its predicted twin (relaxed overlap, any of the three types, one-to-one, as for MUC and B³) carries that
    /// target entity; a missing twin, a twin without an entity or in another cluster is wrong.
    static func nominalAccuracy(gold g: [Mention], pred p: [Mention]) -> Ratio {
        var twin: [Int: Int] = [:]
        for (gi, pi) in SpanMatcher.relaxed(gold: g, pred: p, sameType: false) { twin[gi] = pi }
        func majority(_ members: [Int]) -> String? {
            var count: [String: Int] = [:], first: [String: Int] = [:]
            for gi in members {
                guard let pi = twin[gi], let e = p[pi].entity else { continue }
                count[e, default: 0] += 1
                if first[e] == nil { first[e] = gi }
            }
            return count.keys.min { (-count[$0]!, first[$0]!) < (-count[$1]!, first[$1]!) }
        }
        var byEntity: [String: [Int]] = [:]
        for (gi, m) in g.enumerated() { if let e = m.entity { byEntity[e, default: []].append(gi) } }
        var target: [String: String] = [:]
        for (e, members) in byEntity {
            if let t = majority(members.filter { !g[$0].isNominal }) { target[e] = t }
        }
        let named = Set(target.values)
        for (e, members) in byEntity where target[e] == nil {
            if let t = majority(members), !named.contains(t) { target[e] = t }
        }
        var ratio = Ratio()
        for (gi, m) in g.enumerated() where m.isNominal {
            guard let e = m.entity else { continue }
            let predicted = twin[gi].flatMap { p[$0].entity }
            ratio.count(predicted != nil && predicted == target[e])
        }
        return ratio
    }

    /// The gold (key) and predicted (response) clusterings, item → cluster label. Items 0..<g.count are the
    /// gold mentions; a predicted mention is the item of its gold twin, or a new item (g.count…) when it has
    /// none. The key holds the gold items only, the response the predicted ones only.
    static func clusterings(gold g: [Mention], pred p: [Mention]) -> (key: [Int: String], response: [Int: String]) {
        let pairs = SpanMatcher.relaxed(gold: g, pred: p, sameType: false)
        var itemOfPred: [Int: Int] = [:]
        for (gi, pi) in pairs { itemOfPred[pi] = gi }
        var key: [Int: String] = [:], response: [Int: String] = [:]
        for (gi, m) in g.enumerated() { key[gi] = m.entity.map { "e:" + $0 } ?? "g:\(gi)" }
        var next = g.count
        for (pi, m) in p.enumerated() {
            let item: Int
            if let i = itemOfPred[pi] { item = i } else { item = next; next += 1 }
            response[item] = m.entity.map { "e:" + $0 } ?? "p:\(pi)"
        }
        return (key, response)
    }

    /// Groups items by cluster label.
    static func clusters(_ labels: [Int: String]) -> [String: Set<Int>] {
        var out: [String: Set<Int>] = [:]
        for (item, label) in labels { out[label, default: []].insert(item) }
        return out
    }

    /// MUC: recall = Σ over key clusters K of (|K| − |partitions of K by the response|) / Σ (|K| − 1), where an
    /// item missing from the response is a partition of its own; precision the same with key and response
    /// swapped.
    public static func muc(key: [Int: String], response: [Int: String]) -> PRSums {
        func links(_ a: [Int: String], by b: [Int: String]) -> (Double, Double) {
            var num = 0.0, den = 0.0
            for (_, members) in clusters(a) {
                let parts = Set(members.map { b[$0] ?? "missing:\($0)" })
                num += Double(members.count - parts.count)
                den += Double(members.count - 1)
            }
            return (num, den)
        }
        let r = links(key, by: response), p = links(response, by: key)
        return PRSums(precisionNumerator: p.0, precisionDenominator: p.1, recallNumerator: r.0, recallDenominator: r.1)
    }

    /// B³: recall = mean over key items of |K ∩ R| / |K|, precision = mean over response items of
    /// |K ∩ R| / |R|, where K and R are the item's key and response clusters (empty when the item is missing
    /// from that side).
    public static func bCubed(key: [Int: String], response: [Int: String]) -> PRSums {
        let k = clusters(key), r = clusters(response)
        func share(_ item: Int, _ own: [Int: String], _ ownClusters: [String: Set<Int>],
                   _ other: [Int: String], _ otherClusters: [String: Set<Int>]) -> Double {
            let mine = ownClusters[own[item]!]!
            guard let label = other[item], let theirs = otherClusters[label] else { return 0 }
            return Double(mine.intersection(theirs).count) / Double(mine.count)
        }
        let rSum = key.keys.reduce(0.0) { $0 + share($1, key, k, response, r) }
        let pSum = response.keys.reduce(0.0) { $0 + share($1, response, r, key, k) }
        return PRSums(precisionNumerator: pSum, precisionDenominator: Double(response.count),
                      recallNumerator: rSum, recallDenominator: Double(key.count))
    }
}
