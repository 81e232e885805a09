/// The front page: the course introduction (from `lessons/index.md`, or a built-in text), the
/// short answer to "how do I freeze layers?", and every lesson with its summary.
struct IndexPage {
    var markdown: String
    var lessons: [SiteLesson]
    var failing: Set<String>

    /// The text used when there is no `lessons/index.md`.
    static let placeholder = """
    # FreezeLab

    FreezeLab shows what really happens when you freeze layers in PyTorch — by running it. Every \
    lesson's code runs in a small autograd engine that follows PyTorch's rules, and every output \
    and figure on these pages was checked when the site was built.

    ## How do I freeze layers?

    Turn off gradients for the frozen parameters *and* give the optimizer only the parameters \
    that still train; then keep frozen BatchNorm layers in eval mode:

    ```python
    for p in model.backbone.parameters():
        p.requires_grad = False
    model.backbone.eval()  # BatchNorm running statistics stop moving
    optimizer = torch.optim.SGD(
        [p for p in model.parameters() if p.requires_grad], lr=0.1, momentum=0.9)
    ```

    Doing only one half leaves traps: gradients that still accumulate, momentum that keeps \
    moving a "frozen" layer, BatchNorm statistics that drift. The lessons show each one.
    """

    var document: MarkdownDocument { MarkdownDocument(markdown: markdown) }

    /// The page's title: the first `#` heading of the text.
    var title: String {
        document.headings.first { $0.level == 1 }?.text ?? "FreezeLab"
    }

    /// The `<main>` content.
    func render() -> String {
        var main = ""
        if !failing.isEmpty {
            main += "<div class=\"failure-banner\" id=\"failures\" role=\"alert\">\n"
            main += "<strong>Some lessons failed verification.</strong> Their pages show what went wrong.\n<ul>\n"
            for lesson in lessons where failing.contains(lesson.slug) {
                main += "<li><a href=\"\(lesson.page)\">\(HTML.escape(lesson.lesson.title))</a></li>\n"
            }
            main += "</ul>\n</div>\n"
        }
        main += "<article>\n"
        for block in document.blocks {
            switch block {
            case .heading(let heading): main += LessonPage.heading(heading)
            case .prose(var html, _, let nested):
                for code in nested {
                    html = html.replacingOccurrences(of: MarkdownDocument.placeholder(for: code), with: code.html)
                }
                main += html
            case .code(let code):
                let language = code.info.split(separator: " ").first.map(String.init) ?? ""
                let text = code.text.hasSuffix("\n") ? String(code.text.dropLast()) : code.text
                let body = language == "swift" ? SwiftHighlighter.html(text) : HTML.escape(text)
                main += "<pre class=\"prose-code\"><code>\(body)</code></pre>\n"
            }
        }
        main += "<h2 id=\"lessons\">Lessons</h2>\n<ol class=\"lesson-list\">\n"
        for lesson in lessons {
            let status = failing.contains(lesson.slug)
                ? "<span class=\"status badge badge-failed\">✗ failing</span>"
                : "<span class=\"status badge badge-verified\">✓ verified</span>"
            let number = lesson.number.map { "\($0). " } ?? ""
            main += "<li><a href=\"\(lesson.page)\">\(status)<span class=\"title\">\(number)\(HTML.escape(lesson.lesson.title))</span>"
            if let summary = lesson.lesson.summary {
                main += "<span class=\"summary\">\(MarkdownDocument.inline(summary).html)</span>"
            }
            main += "</a></li>\n"
        }
        main += "</ol>\n</article>\n"
        if let first = lessons.first {
            main += "<nav class=\"pager\" aria-label=\"Next lesson\">\n<a class=\"next\" rel=\"next\" href=\"\(first.page)\"><span class=\"dir\">Start →</span>\(HTML.escape(first.lesson.title))</a>\n</nav>\n"
        }
        return main
    }
}
