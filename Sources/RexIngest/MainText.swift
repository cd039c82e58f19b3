import Foundation

/// One paragraph-like block of the main text.
struct TextBlock: Equatable {
    var text: String
    var isHeading: Bool
}

/// Finds the main text of a parsed page, the way readability-style extractors do.
///
/// 1. Drop what is never text (scripts, styles, media, form controls) and what looks like page furniture:
///    navigation, headers, footers, asides, hidden elements, and elements whose class or id names a
///    boilerplate role (share, comments, related, newsletter, ads…). A piece of furniture that holds a large
///    share of the page's unlinked text is kept all the same: wrappers are often named after the sidebar or
///    the ads that sit next to the article. Comment sections go even then.
/// 2. Score paragraphs (length, commas) into their ancestors; the best container, corrected for its link
///    density, holds the article. Siblings that also read as prose join it.
/// 3. Inside the article, drop lists and boxes made mostly of links, then cut the text into paragraphs at
///    block elements and `<br>`; headings are marked.
///
/// When a pass yields too little text, the next pass relaxes the rules (no class-based dropping, then comment
/// sections kept, then no class weights, then no cleaning); a lenient pass wins when it finds much more.
struct MainText {
    let tree: HTMLTree
    /// Nodes dropped with their subtrees.
    private(set) var removed: [Bool]
    /// Per node: whether it is a link or inside one.
    private let inLink: [Bool]
    /// Per node: visible non-space characters under it and how many of them are link text; see `recount`.
    private var textCount: [Int]
    private var linkCount: [Int]
    /// The page title, used to drop a headline repeated at the top of the article.
    var title: String?

    /// A pass's switches, relaxed one by one when a pass finds too little text.
    struct Pass {
        var dropByClass = true
        var dropComments = true
        var weighClasses = true
        var cleanConditionally = true
    }

    /// Text shorter than this (in characters) makes the extractor try a more lenient pass.
    static let enoughText = 250
    /// Furniture holding at least this share of the page's unlinked text, and at least `protectedMinimum`
    /// characters of it, is not dropped.
    static let protectedShare = 0.4
    static let protectedMinimum = 100

    init(tree: HTMLTree) {
        self.tree = tree
        let n = tree.nodes.count
        removed = Array(repeating: false, count: n)
        var inLink = Array(repeating: false, count: n)
        for i in 1..<max(n, 1) {
            let node = tree.nodes[i]
            inLink[i] = node.name == "a" || (node.parent >= 0 && inLink[node.parent])
        }
        self.inLink = inLink
        textCount = Array(repeating: 0, count: n)
        linkCount = Array(repeating: 0, count: n)
    }

    // MARK: Tag and class vocabulary

    /// Never text.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "frame", "frameset", "button",
        "select", "option", "optgroup", "input", "textarea", "head", "title", "link", "meta", "canvas", "video",
        "audio", "source", "track", "object", "embed", "applet", "dialog", "picture", "figure", "figcaption",
        "label", "map", "area", "datalist", "output", "progress", "meter",
    ]
    /// Page furniture by element: dropped unless it holds much of the page's text.
    static let furnitureTags: Set<String> = ["nav", "aside", "footer", "header", "form", "menu", "fieldset"]
    static let furnitureRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "menu", "menubar",
        "search", "toolbar", "tablist", "alert",
    ]
    /// Elements that flow inside a line of text; every other element starts a new block.
    static let inlineTags: Set<String> = [
        "a", "span", "b", "i", "em", "strong", "u", "s", "small", "big", "sub", "sup", "font", "abbr", "acronym",
        "cite", "code", "q", "mark", "time", "var", "kbd", "samp", "dfn", "bdi", "bdo", "wbr", "ins", "del",
        "strike", "tt", "nobr", "#text", "img", "data", "ruby", "rt", "rp",
    ]
    static let headingTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    /// Elements scored as paragraphs.
    static let paragraphTags: Set<String> = ["p", "pre", "td"]

    /// Words of a class or id that name page furniture ("share-tools" → share).
    static let boilerplateWords: Set<String> = [
        "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "dfp",
        "banner", "byline", "author", "authors", "caption", "credit", "credits", "tag", "tags", "rail", "modal",
        "skip", "share", "sharing", "shares", "sharebar", "social", "nav", "navbar", "navigation", "menu",
        "footer", "sidebar", "related", "comment", "comments", "widget", "widgets", "teaser", "teasers",
        "promo", "promos", "promotion", "sponsor", "sponsored", "login", "signin", "signup", "subscribe",
        "subscription", "newsletter", "newsletters", "cookie", "cookies", "consent", "gdpr", "popup", "overlay",
        "breadcrumb", "breadcrumbs", "toolbar", "masthead", "disclaimer", "copyright", "trending", "popular",
        "recommended", "recommendations", "recirc", "recirculation", "outbrain", "taboola", "pagination",
        "pager", "meta", "follow", "print", "email", "newsletter", "paywall", "offer", "rss", "feedback",
        "sticky", "jump", "toc", "next", "prev", "previous", "more", "readmore", "tooltip", "dropdown",
        "rollover", "popover", "hovercard", "flyout",
    ]
    /// Words of a class or id that name a comment section: dropped even when it holds much text (comments can
    /// outweigh a short article).
    static let commentWords: Set<String> = ["comment", "comments", "commentlist", "disqus", "respond", "replies"]
    /// Whole class names that hide their element from sighted readers.
    static let hiddenClasses: Set<String> = [
        "hidden", "hide", "sr-only", "screen-reader-text", "screen-reader-only", "visually-hidden",
        "visuallyhidden", "element-invisible", "offscreen", "d-none", "is-hidden", "u-hidden",
    ]
    /// Words of a class or id that name the article's container.
    static let contentWords: Set<String> = [
        "article", "articles", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
        "story", "prose", "column", "richtext",
    ]
    /// Whole class or id names (lower-cased, without - and _) of the article's text container.
    static let articleBodyNames: Set<String> = [
        "articlebody", "storybody", "entrycontent", "postcontent", "postbody", "articlecontent", "bodytext",
        "storycontent", "articletext", "storytext", "posttext", "entrybody", "articlebodytext", "contentbody",
        "maincontent", "textcontent", "articledetail", "articlecopy", "bodycopy", "storycopy", "richtext",
    ]

    /// The words of a node's class and id: split at spaces, punctuation and camel-case humps, lower-cased.
    static func words(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var prevLower = false
        for ch in s {
            if ch.isLetter || ch.isNumber {
                if ch.isUppercase && prevLower && !cur.isEmpty { out.append(cur.lowercased()); cur = "" }
                cur.append(ch)
                prevLower = ch.isLowercase || ch.isNumber
            } else {
                if !cur.isEmpty { out.append(cur.lowercased()); cur = "" }
                prevLower = false
            }
        }
        if !cur.isEmpty { out.append(cur.lowercased()) }
        return out
    }

    /// The class names and id of node `i`, each as written.
    func names(_ i: Int) -> [String] {
        let n = tree.nodes[i]
        var out = (n.attribute("class") ?? "").split(whereSeparator: { $0.isWhitespace }).map(String.init)
        if let id = n.attribute("id"), !id.isEmpty { out.append(id) }
        return out
    }

    /// A name squeezed for comparison with `articleBodyNames`: lower case, no separators.
    static func squeezed(_ s: String) -> String {
        String(s.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    func isArticleBody(_ i: Int) -> Bool {
        if tree.nodes[i].attribute("itemprop")?.lowercased() == "articlebody" { return true }
        return names(i).contains { Self.articleBodyNames.contains(Self.squeezed($0)) }
    }

    /// Whether a class or id names a furniture role. Taxonomy classes that blogs put on the article itself
    /// ("tag-mali", "category-news") name what the article is about, not a role.
    func hasBoilerplateName(_ i: Int) -> Bool {
        names(i).contains { name in
            let lower = name.lowercased()
            if lower.hasPrefix("tag-") || lower.hasPrefix("category-") { return false }
            return Self.words(name).contains { Self.boilerplateWords.contains($0) }
        }
    }

    func hasContentName(_ i: Int) -> Bool {
        names(i).contains { name in Self.words(name).contains { Self.contentWords.contains($0) } }
    }

    /// Readability's class weight: -25 for a furniture name, +25 for a content name, more for an article body.
    func classWeight(_ i: Int) -> Double {
        if isArticleBody(i) { return 50 }
        var w = 0.0
        if hasBoilerplateName(i) { w -= 25 }
        if hasContentName(i) { w += 25 }
        return w
    }

    // MARK: Dropping

    /// Whether node `i` is hidden from readers by its attributes.
    func isHidden(_ i: Int) -> Bool {
        let n = tree.nodes[i]
        if n.attribute("hidden") != nil || n.attribute("aria-hidden")?.lowercased() == "true" { return true }
        if let style = n.attribute("style")?.lowercased().filter({ !$0.isWhitespace }),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        return names(i).contains { Self.hiddenClasses.contains($0.lowercased()) }
    }

    /// Whether a class or id names a comment section ("comments-area", "disqus_thread"), not a state of the
    /// article ("comments-open") or a link to the comments ("comment-count").
    func isCommentSection(_ i: Int) -> Bool {
        if isArticleBody(i) || ["html", "body"].contains(tree.nodes[i].name) { return false }
        return names(i).contains { name in
            let words = Self.words(name)
            return words.contains { Self.commentWords.contains($0) }
                && !words.contains { ["open", "opened", "closed", "count", "number", "link", "icon"].contains($0) }
        }
    }

    func isFurniture(_ i: Int, byClass: Bool) -> Bool {
        let n = tree.nodes[i]
        if Self.furnitureTags.contains(n.name) { return true }
        if let role = n.attribute("role")?.lowercased(), Self.furnitureRoles.contains(role) { return true }
        if isHidden(i) { return true }
        if byClass, !["html", "body", "article", "main"].contains(n.name), !isArticleBody(i), hasBoilerplateName(i) {
            return true
        }
        return false
    }

    /// Recomputes text and link counts bottom-up, skipping dropped subtrees. Nodes are in document order,
    /// so every child comes after its parent.
    mutating func recount() {
        for i in textCount.indices { textCount[i] = 0; linkCount[i] = 0 }
        for i in stride(from: tree.nodes.count - 1, through: 1, by: -1) {
            if removed[i] { textCount[i] = 0; linkCount[i] = 0; continue }
            let n = tree.nodes[i]
            if n.name == "#text" {
                var c = 0
                for u in n.text.unicodeScalars where !u.properties.isWhitespace { c += 1 }
                textCount[i] = c
                linkCount[i] = inLink[i] ? c : 0
            }
            let p = n.parent
            if p >= 0 { textCount[p] += textCount[i]; linkCount[p] += linkCount[i] }
        }
    }

    func linkDensity(_ i: Int) -> Double {
        textCount[i] == 0 ? 0 : Double(linkCount[i]) / Double(textCount[i])
    }

    /// Drops what is never text, then furniture that does not hold a large share of the unlinked text.
    mutating func dropBoilerplate(_ pass: Pass) {
        for i in removed.indices { removed[i] = false }
        for (i, node) in tree.nodes.enumerated() where Self.droppedTags.contains(node.name) { removed[i] = true }
        recount()
        let total = Double(textCount[HTMLTree.root] - linkCount[HTMLTree.root])
        // Top-down: a dropped node's descendants need no decision.
        for i in 1..<tree.nodes.count where !removed[i] && !removed[max(tree.nodes[i].parent, 0)] {
            guard tree.nodes[i].name != "#text" else { continue }
            if pass.dropComments && isCommentSection(i) { removed[i] = true; continue }
            guard isFurniture(i, byClass: pass.dropByClass) else { continue }
            let own = Double(textCount[i] - linkCount[i])
            if own < Self.protectedShare * total || own < Double(Self.protectedMinimum) { removed[i] = true }
        }
        // Propagate so that `removed` holds for every node of a dropped subtree.
        for i in 1..<tree.nodes.count where removed[max(tree.nodes[i].parent, 0)] { removed[i] = true }
        recount()
    }

    // MARK: Scoring

    /// The visible text of `i`, whitespace collapsed, skipping dropped nodes.
    func visibleText(_ i: Int) -> String {
        var parts: [String] = []
        var stack = [i]
        while let j = stack.popLast() {
            if removed[j] { continue }
            if tree.nodes[j].name == "#text" { parts.append(tree.nodes[j].text) }
            stack.append(contentsOf: tree.nodes[j].children.reversed())
        }
        return HTMLTree.collapse(parts.joined())
    }

    func isInline(_ i: Int) -> Bool { Self.inlineTags.contains(tree.nodes[i].name) }

    /// Whether all of `i`'s visible children flow inline.
    func hasOnlyInlineChildren(_ i: Int) -> Bool {
        !tree.nodes[i].children.contains { !removed[$0] && !isInline($0) && tree.nodes[$0].name != "br" }
    }

    func baseScore(_ i: Int, _ pass: Pass) -> Double {
        var s: Double
        switch tree.nodes[i].name {
        case "article": s = 10
        case "div", "main", "section": s = 5
        case "pre", "td", "blockquote": s = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": s = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": s = -5
        default: s = 0
        }
        if pass.weighClasses { s += classWeight(i) }
        return s
    }

    /// Paragraph scores spread over ancestors (readability's scheme), then corrected for link density.
    func scores(_ pass: Pass) -> [Int: Double] {
        var score: [Int: Double] = [:]
        func credit(_ text: String, from start: Int) {
            let len = text.count
            if len < 25 { return }
            let commas = text.reduce(0) { $0 + ($1 == "," || $1 == "،" || $1 == "，" ? 1 : 0) }
            let s = 1.0 + Double(commas) + min(Double(len / 100), 3.0)
            var p = start, level = 0
            while p > 0 && level < 5 {
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
                score[p, default: baseScore(p, pass)] += s / divider
                p = tree.nodes[p].parent
                level += 1
            }
        }
        for (i, node) in tree.nodes.enumerated() where !removed[i] && node.name != "#text" && !isInline(i) {
            if Self.paragraphTags.contains(node.name) || (node.name == "div" && hasOnlyInlineChildren(i)) {
                credit(visibleText(i), from: node.parent)
            } else if !Self.headingTags.contains(node.name) && !["li", "ul", "ol", "dl", "dt", "dd", "tr", "table",
                                                                 "tbody", "thead", "tfoot", "br", "hr"].contains(node.name) {
                // Runs of loose text between the block children of a container act as its paragraphs.
                var run = ""
                for c in node.children where !removed[c] {
                    if isInline(c) { run += tree.nodes[c].name == "#text" ? tree.nodes[c].text : visibleText(c) + " " }
                    else { credit(HTMLTree.collapse(run), from: i); run = "" }
                }
                credit(HTMLTree.collapse(run), from: i)
            }
        }
        for (i, s) in score { score[i] = s * (1 - linkDensity(i)) }
        return score
    }

    /// The container of the article (readability's top candidate, with its corrections).
    func topCandidate(_ scores: [Int: Double]) -> Int? {
        let ranked = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard var top = ranked.first?.key, let topScore = ranked.first?.value, topScore > 0 else { return nil }
        let body = tree.descendants(of: HTMLTree.root, named: "body").first ?? HTMLTree.root
        // Several near-best candidates under one ancestor: the article is split, take the ancestor.
        let close = ranked.dropFirst().prefix(4).filter { $0.value >= 0.75 * topScore }.map(\.key)
        if close.count >= 3 {
            var p = tree.nodes[top].parent
            while p > 0 && p != body {
                let inside = close.filter { isAncestor(p, of: $0) }.count
                if inside >= 3 { top = p; break }
                p = tree.nodes[p].parent
            }
        }
        // A parent that scores better than the candidate holds more of the article.
        var last = scores[top] ?? 0
        let threshold = last / 3
        var p = tree.nodes[top].parent
        while p > 0 && p != body {
            guard let ps = scores[p] else { p = tree.nodes[p].parent; continue }
            if ps < threshold { break }
            if ps > last { top = p; break }
            last = ps
            p = tree.nodes[p].parent
        }
        // An only child says nothing more than its parent.
        while tree.nodes[top].parent > 0, tree.nodes[top].parent != body,
              tree.nodes[tree.nodes[top].parent].children.filter({ !removed[$0] && tree.nodes[$0].name != "#text" }).count == 1 {
            top = tree.nodes[top].parent
        }
        return top
    }

    func isAncestor(_ a: Int, of b: Int) -> Bool {
        var j = b
        while j >= 0 { if j == a { return true }; j = tree.nodes[j].parent }
        return false
    }

    /// The candidate and its siblings that belong to the article.
    func contentRoots(top: Int, scores: [Int: Double]) -> [Int] {
        let parent = tree.nodes[top].parent
        guard parent >= 0 else { return [top] }
        let topScore = scores[top] ?? 0
        let threshold = max(10, topScore * 0.2)
        let topClass = tree.nodes[top].attribute("class") ?? ""
        var roots: [Int] = []
        for sib in tree.nodes[parent].children where !removed[sib] {
            if sib == top { roots.append(sib); continue }
            let node = tree.nodes[sib]
            if node.name == "#text" || textCount[sib] == 0 { continue }
            var bonus = 0.0
            if !topClass.isEmpty && node.attribute("class") == topClass { bonus = topScore * 0.2 }
            if let s = scores[sib], s + bonus >= threshold { roots.append(sib); continue }
            if node.name == "p" || (node.name == "div" && hasOnlyInlineChildren(sib)) {
                let text = visibleText(sib)
                let density = linkDensity(sib)
                if text.count > 80 && density < 0.25 { roots.append(sib) }
                else if text.count < 80 && density == 0 && (text.hasSuffix(".") || text.contains(". ")) { roots.append(sib) }
            }
        }
        return roots
    }

    // MARK: Cleaning

    /// Drops boxes inside the article that read as furniture: lists and blocks of links, image galleries,
    /// tiny fragments (readability's conditional cleaning).
    mutating func clean(_ roots: [Int], _ pass: Pass, scores: [Int: Double]) {
        var candidates: [Int] = []
        for r in roots {
            var stack = [r]
            while let j = stack.popLast() {
                if removed[j] { continue }
                if ["div", "section", "ul", "ol", "table", "form", "fieldset", "aside", "dl"].contains(tree.nodes[j].name) {
                    candidates.append(j)
                }
                stack.append(contentsOf: tree.nodes[j].children)
            }
        }
        let dataTables = Set(candidates.filter { isDataTable($0) })
        // Innermost first, as readability does, so that a container is judged after its furniture is gone.
        for j in candidates.sorted(by: >) where !removed[j] && !roots.contains(j) {
            if shouldDrop(j, pass, scores: scores, dataTables: dataTables) { dropSubtree(j) }
        }
        recount()
    }

    mutating func dropSubtree(_ j: Int) {
        var stack = [j]
        while let k = stack.popLast() { removed[k] = true; stack.append(contentsOf: tree.nodes[k].children) }
        // Keep ancestors' counts right for later decisions in this sweep.
        var p = tree.nodes[j].parent
        let t = textCount[j], l = linkCount[j]
        while p >= 0 { textCount[p] -= t; linkCount[p] -= l; p = tree.nodes[p].parent }
        textCount[j] = 0; linkCount[j] = 0
    }

    /// A table of data (headers, a caption, or a grid of some size) rather than a layout table; its short
    /// cells are content.
    func isDataTable(_ j: Int) -> Bool {
        guard tree.nodes[j].name == "table", tree.nodes[j].attribute("role") != "presentation" else { return false }
        if !tree.descendants(of: j, named: "table").isEmpty { return false }
        if !tree.descendants(of: j, named: "th").isEmpty || !tree.descendants(of: j, named: "caption").isEmpty
            || !tree.descendants(of: j, named: "thead").isEmpty { return true }
        let rows = tree.descendants(of: j, named: "tr")
        let columns = rows.map { r in tree.nodes[r].children.filter { tree.nodes[$0].name == "td" }.count }.max() ?? 0
        return rows.count * columns >= 10
    }

    func isInside(_ j: Int, oneOf set: Set<Int>) -> Bool {
        var a = j
        while a > 0 { if set.contains(a) { return true }; a = tree.nodes[a].parent }
        return false
    }

    func shouldDrop(_ j: Int, _ pass: Pass, scores: [Int: Double], dataTables: Set<Int>) -> Bool {
        let weight = pass.weighClasses ? classWeight(j) : 0
        let score = scores[j] ?? 0
        if weight + score < 0 { return true }
        guard pass.cleanConditionally, !isInside(j, oneOf: dataTables) else { return false }
        let text = visibleText(j)
        if text.filter({ $0 == "," }).count >= 10 { return false }
        var p = 0, img = 0, li = -100, input = 0, embeds = 0, headings = 0
        var inFigure = false
        var a = tree.nodes[j].parent
        while a > 0 { if tree.nodes[a].name == "figure" { inFigure = true }; a = tree.nodes[a].parent }
        var stack = tree.nodes[j].children
        while let k = stack.popLast() {
            switch tree.nodes[k].name {
            case "p": if !removed[k] { p += 1 }
            case "img": img += 1
            case "li": if !removed[k] { li += 1 }
            case "input": input += 1
            case "embed", "object", "iframe": embeds += 1
            case "h1", "h2", "h3", "h4", "h5", "h6": if !removed[k] { headings += 1 }
            default: break
            }
            if !removed[k] { stack.append(contentsOf: tree.nodes[k].children) }
        }
        let name = tree.nodes[j].name
        var isList = name == "ul" || name == "ol"
        if !isList {
            let listText = tree.descendants(of: j, named: "li").reduce(0) { $0 + textCount[$1] }
            isList = textCount[j] > 0 && Double(listText) / Double(textCount[j]) > 0.9
        }
        let density = linkDensity(j)
        let length = text.count
        if img > 1 && Double(p) / Double(img) < 0.5 && !inFigure { return true }
        if !isList && li > p { return true }
        if input > p / 3 { return true }
        if !isList && length < 25 && headings == 0 && (img == 0 || img > 2) && !inFigure { return true }
        if !isList && weight < 25 && density > 0.2 { return true }
        if weight >= 25 && density > 0.5 { return true }
        if (embeds == 1 && length < 75) || embeds > 1 { return true }
        if isList && density > 0.5 { return true }
        return false
    }

    // MARK: Blocks

    /// Cuts the content roots into paragraph blocks at block elements and `<br>`.
    func blocks(of roots: [Int]) -> [TextBlock] {
        var out: [TextBlock] = []
        var current = ""
        var currentLink = 0
        var currentHeading = false
        func flush() {
            let t = HTMLTree.collapse(current)
            if !t.isEmpty {
                let chars = t.count
                let density = Double(currentLink) / Double(max(chars, 1))
                if !(density > 0.6 && chars < 200) { out.append(TextBlock(text: t, isHeading: currentHeading)) }
            }
            current = ""; currentLink = 0; currentHeading = false
        }
        func walk(_ j: Int) {
            if removed[j] { return }
            let n = tree.nodes[j]
            if n.name == "#text" {
                current += n.text
                if inLink[j] { currentLink += n.text.count }
                return
            }
            let block = !isInline(j)
            if block { flush() }
            if Self.headingTags.contains(n.name) { currentHeading = true }
            for c in n.children { walk(c) }
            if block { flush() }
        }
        for r in roots { walk(r) }
        flush()
        return trimTrailingFurniture(dropRepeatedTitle(out))
    }

    /// Calls to action that close many articles: newsletters, subscriptions, follow-me lines, comment prompts,
    /// and lines that are only a label ("Advertisement", "Comments", "Related:").
    static let callToAction = try! NSRegularExpression(pattern:
        "^(advertisement|comments?|\\d+ comments?|related( articles| stories| posts)?:?|read more\\b.*|share this\\b.*|tags?:.*)$|\\b(sign up|subscribe (to|now|today|for)|newsletters?|(in|to|into) your inbox|click here|follow (us|him|her|them|me) on|requires javascript|enable javascript|leave a (comment|reply)|all rights reserved)\\b",
        options: [.caseInsensitive])

    /// Drops the short furniture lines that trail the article: calls to action and a heading with no text after it.
    func trimTrailingFurniture(_ blocks: [TextBlock]) -> [TextBlock] {
        var out = blocks
        while let last = out.last, out.count > 1 {
            let t = last.text
            let cta = t.count < 250 && Self.callToAction.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) != nil
            if last.isHeading || cta { out.removeLast() } else { break }
        }
        return out
    }

    /// A headline that repeats the page title is the title, not body text.
    /// Only a heading among the first two blocks counts, and it must be most of the title (titles often add
    /// the site's name), so that a short section heading that happens to occur in the title stays.
    func dropRepeatedTitle(_ blocks: [TextBlock]) -> [TextBlock] {
        guard let title, let k = blocks.prefix(2).firstIndex(where: { $0.isHeading }) else { return blocks }
        let t = Self.squeezed(title), h = Self.squeezed(blocks[k].text)
        guard !h.isEmpty, h.contains(t) || (t.contains(h) && h.count * 2 >= t.count) else { return blocks }
        var out = blocks
        out.remove(at: k)
        return out
    }

    // MARK: Driver

    /// One pass of the extractor with the given switches.
    mutating func run(_ pass: Pass) -> [TextBlock] {
        dropBoilerplate(pass)
        let s = scores(pass)
        guard let top = topCandidate(s) else { return [] }
        let roots = contentRoots(top: top, scores: s)
        clean(roots, pass, scores: s)
        return blocks(of: roots)
    }

    /// The main text as blocks. A more lenient pass is tried while the text found is short, and wins only
    /// when it finds more than twice as much: a short article stays free of the furniture that the lenient
    /// passes let in.
    mutating func extract() -> [TextBlock] {
        let passes = [Pass(), Pass(dropByClass: false),
                      Pass(dropByClass: false, dropComments: false),
                      Pass(dropByClass: false, dropComments: false, weighClasses: false),
                      Pass(dropByClass: false, dropComments: false, weighClasses: false, cleanConditionally: false)]
        var best: [TextBlock] = []
        var bestLength = 0
        for pass in passes {
            let blocks = run(pass)
            let length = blocks.reduce(0) { $0 + $1.text.count }
            if length > 2 * bestLength { best = blocks; bestLength = length }
            if bestLength >= Self.enoughText { break }
        }
        if best.isEmpty {
            // Nothing scored as a paragraph: all visible text that is not furniture.
            dropBoilerplate(Pass())
            best = blocks(of: [HTMLTree.root])
        }
        return best
    }
}
