import Mustache

/// The console's pages as Mustache templates. Every value is written with `{{ }}`, which escapes
/// HTML; no template uses the unescaped forms, so nothing a partner or person sent can run in an
/// IG officer's browser. No JavaScript: plain forms and links.
enum ConsoleTemplates {
    static let header = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{{title}} · Handover IG</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:0;color:#1d2733}header{background:#005eb8;color:#fff;padding:.6em 1.2em}
        header a{color:#fff;margin-right:1.2em}main{padding:1em 1.2em}table{border-collapse:collapse;width:100%;font-size:.9em}
        th,td{border:1px solid #c8d1dc;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#eef2f7}
        .basis-statute{color:#7a4100}.basis-consent{color:#00543c}.withheld{color:#a00}code{font-size:.85em;word-break:break-all}
        form.search label{display:inline-block;margin:0 .8em .5em 0}
        </style></head><body>
        <header><strong>Handover · information governance</strong>
        {{#account}} &nbsp; <a href="/ig/shares">Shares</a><a href="/ig/log">Log</a> signed in as {{name}} ({{role}}){{/account}}</header>
        <main>
        {{#error}}<p class="withheld" id="error">{{.}}</p>{{/error}}
        """
    static let footer = "</main></body></html>\n"

    static let login = """
        {{> header}}
        <h1>Sign in</h1>
        <form method="post" action="/ig/login">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>IG key <input type="password" name="key" autocomplete="off" required></label>
        <button type="submit">Sign in</button>
        </form>
        {{> footer}}
        """

    static let shares = """
        {{> header}}
        <h1>Shares</h1>
        <form class="search" method="get" action="/ig/shares">
        <label>NHS number <input name="nhsNumber" value="{{query.nhsNumber}}"></label>
        <label>Partner <input name="partner" value="{{query.partner}}"></label>
        <label>From <input name="from" value="{{query.from}}" placeholder="2026-11-01"></label>
        <label>To <input name="to" value="{{query.to}}"></label>
        <label>Purpose <input name="purpose" value="{{query.purpose}}"></label>
        <label>Basis <input name="basis" value="{{query.basis}}" placeholder="consent, statute, care-act-2014-s42"></label>
        <label>Outcome <input name="outcome" value="{{query.outcome}}"></label>
        <button type="submit">Search</button>
        </form>
        {{#searched}}
        <p id="result-count">{{count}} share{{^one}}s{{/one}} found. <a id="csv-export" href="/ig/export.csv?{{queryString}}">Export as CSV</a></p>
        <table id="results"><thead><tr><th>Submitted</th><th>Kind</th><th>Sender</th><th>Recipient</th><th>NHS number</th><th>Purpose</th><th>Basis</th><th>Fields removed</th><th>Status</th><th>Delivered</th><th>Downloaded</th><th>Acknowledged</th></tr></thead>
        <tbody>
        {{#shares}}<tr class="share"><td><a href="/ig/shares/{{id}}">{{submittedAt}}</a></td><td>{{kind}}</td><td>{{sender}}</td><td>{{recipient}}</td>
        <td>{{#nhsNumber}}<a href="/ig/people/{{.}}/consents">{{.}}</a>{{/nhsNumber}}</td><td>{{purpose}}</td>
        <td class="basis-{{basisType}}">{{basis}}</td><td>{{fieldsRemoved}}</td><td class="{{status}}">{{status}}</td><td>{{deliveredAt}}</td><td>{{downloadedAt}}</td><td>{{acknowledgedAt}}</td></tr>
        {{/shares}}
        </tbody></table>
        {{#next}}<p><a href="/ig/shares?{{.}}">Next page</a></p>{{/next}}
        {{/searched}}
        {{> footer}}
        """

    static let share = """
        {{> header}}
        <h1>Share <code id="share-id">{{id}}</code></h1>
        <table id="share"><tbody>
        <tr><th>Kind</th><td>{{kind}}</td></tr>
        <tr><th>Sender</th><td>{{sender}}</td></tr><tr><th>Recipient</th><td>{{recipient}}</td></tr>
        <tr><th>NHS number</th><td>{{nhsNumber}}</td></tr><tr><th>Purpose</th><td>{{purpose}}</td></tr>
        <tr><th>Lawful basis</th><td class="basis-{{basisType}}" id="basis">{{basis}}</td></tr>
        {{#consent}}<tr><th>Consent</th><td>given by {{givenBy}}{{#givenByName}} ({{.}}){{/givenByName}}, recorded by {{recordedBy}}; {{status}}</td></tr>{{/consent}}
        <tr><th>Fields removed</th><td id="fields-removed">{{#fieldsRemoved}}{{.}}<br>{{/fieldsRemoved}}{{^fieldsRemoved}}none{{/fieldsRemoved}}</td></tr>
        <tr><th>Status</th><td>{{status}}</td></tr>
        </tbody></table>
        <h2>Timeline</h2>
        <table id="timeline"><thead><tr><th>Time</th><th>Event</th><th>By</th><th>Leaf</th><th>Leaf hash</th></tr></thead><tbody>
        {{#events}}<tr class="event"><td>{{time}}</td><td>{{kind}}</td><td>{{actor}}</td><td>{{leafIndex}}</td><td><code>{{leafHash}}</code></td></tr>{{/events}}
        </tbody></table>
        <h2>Proof</h2>
        {{#proof}}
        <p id="proof">The submitted event (leaf {{leafIndex}}) is included in checkpoint {{treeSize}}, root <code>{{rootHash}}</code>, issued {{issuedAt}}.</p>
        <p>Audit path:</p><ol id="audit-path">{{#auditPath}}<li><code>{{.}}</code></li>{{/auditPath}}</ol>
        {{/proof}}
        {{^proof}}<p id="proof">No checkpoint covers this share yet.</p>{{/proof}}
        <p><a id="proof-bundle" href="/ig/shares/{{id}}/proof.json">Download the proof bundle</a> (check it offline with <code>handover audit check-bundle</code>)</p>
        {{> footer}}
        """

    static let consents = """
        {{> header}}
        <h1>Consent history of {{nhsNumber}}</h1>
        <table id="consents"><thead><tr><th>Consent</th><th>Given by</th><th>Decided</th><th>Purposes</th><th>Recipients</th><th>Data</th><th>Period</th><th>Recorded</th><th>Withdrawn</th></tr></thead><tbody>
        {{#consents}}<tr class="consent"><td><code>{{id}}</code></td><td>{{givenBy}}{{#givenByName}} ({{.}}){{/givenByName}}</td><td>{{decidedAt}}</td><td>{{purposes}}</td><td>{{recipients}}</td><td>{{dataCategories}}</td>
        <td>{{validFrom}} – {{validUntil}}</td><td>{{recordedAt}} by {{recordedBy}} via {{recordedVia}}</td><td class="withheld">{{withdrawnAt}} {{withdrawalReason}}</td></tr>{{/consents}}
        </tbody></table>
        <p><a href="/ig/shares?nhsNumber={{nhsNumber}}">Every share about this person</a></p>
        {{> footer}}
        """

    static let log = """
        {{> header}}
        <h1>Transparency log</h1>
        <p id="tree-size">{{treeSize}} leaves.</p>
        {{#checkpoint}}<p id="checkpoint">Latest checkpoint: {{treeSize}} leaves, root <code>{{rootHash}}</code>, issued {{issuedAt}}.</p>{{/checkpoint}}
        <p>Verifier key: <code>{{verifierKey}}</code></p>
        <form method="post" action="/ig/log/verify"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Verify the whole log now</button></form>
        {{#verification}}<p id="verification">{{#verified}}Verified: {{/verified}}{{^verified}}DIVERGENCE: {{/verified}}{{leafCount}} leaves, {{messageCount}} messages, {{checkpointCount}} checkpoints; root <code>{{rootHash}}</code>.</p>
        <ul>{{#divergences}}<li>{{.}}</li>{{/divergences}}</ul>{{/verification}}
        {{> footer}}
        """

    /// The library of every page.
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in [("header", header), ("footer", footer), ("login", login), ("shares", shares), ("share", share), ("consents", consents), ("log", log)] {
            try library.register(text, named: name)
        }
        return library
    }
}
