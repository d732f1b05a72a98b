using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Modules.Notifications.Templates;

namespace Uhrwerk.Tests.Notifications;

public sealed class TemplateTests
{
    private static readonly TemplateRenderer Renderer = new(Options.Create(new BrandingOptions { Name = "Präzisa", Color = "#123456", Footer = "Präzisa GmbH · HRB 1" }), new NoOverrides());

    private sealed class NoOverrides : ITemplateOverrides
    {
        public string? Find(string situation, string language, TemplatePart part) => null;
    }

    [Theory]
    [InlineData("Hallo {{ display_name }}", null)]
    [InlineData("Zeile eins\nZeile zwei {% if x %}\nZeile drei", "Line 2:")]
    [InlineData("ok\nok\n{{ name | }", "Line 3:")]
    public void Template_syntax_errors_name_their_line(string source, string? expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        string? error;
        try
        {
            error = TemplateSyntax.Check(source);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        if (expected is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.StartsWith(expected, error);
        }
    }

    [Theory]
    [InlineData(Situations.AccountActivation)]
    [InlineData(Situations.UserInvited)]
    [InlineData(Situations.EmailChanged)]
    public void Every_account_situation_renders_in_german_and_english_with_the_branding(string situation)
    {
        var link = new AccountLinkIssued(LinkPurpose.Invitation, Guid.NewGuid(), "a@b.example", "Ada <Admin>", "de", "https://portal.example/set-password?user=1&token=x");

        var german = Renderer.Render(situation, "de", link);
        var english = Renderer.Render(situation, "en", link);

        Assert.NotEqual(german.Subject, english.Subject);
        Assert.Contains(link.Link, german.Text);
        Assert.Contains("Ada <Admin>", german.Text);
        Assert.True(german.Html!.Contains("Ada &lt;Admin&gt;"), german.Html);
        Assert.Contains("https://portal.example/set-password?user=1&amp;token=x", english.Html);
        Assert.Contains("#123456", english.Html);
        Assert.Contains("Präzisa GmbH · HRB 1", System.Net.WebUtility.HtmlDecode(english.Html));
        Assert.Contains("lang=\"en\"", english.Html);
    }

    /// <summary>
    /// The values each situation's event provides, written down here rather than read from the templates, so that a
    /// misspelled or forgotten variable fails. Values come rendered in the recipient's language, so both languages read the same names.
    /// </summary>
    private static readonly Dictionary<string, string[]> Declared = new()
    {
        ["account.activation"] = ["display_name", "link"],
        ["account.activation-pending"] = ["display_name", "customer_number"],
        ["account.activation-refused"] = ["display_name", "customer_number", "reason"],
        ["account.invitation"] = ["display_name", "link"],
        ["account.email-change"] = ["display_name", "link"],
        ["account.email-change-report"] = ["display_name", "email", "new_email", "link"],
        ["order.placed"] = ["display_name", "order_number", "total", "changes", "deliveries", "link"],
        ["order.approval-requested"] = ["display_name", "buyer_name", "order_number", "total", "reason", "link"],
        ["order.deputy-assigned"] = ["display_name", "absent_name", "buyer_name", "order_number", "total", "until", "link"],
        ["order.approved"] = ["display_name", "approver_name", "order_number", "comment", "deliveries", "link"],
        ["order.rejected"] = ["display_name", "approver_name", "order_number", "comment", "link"],
        ["order.revised"] = ["display_name", "buyer_name", "order_number", "comment", "link"],
        ["order.confirmed"] = ["display_name", "order_number", "promised_dates", "link"],
        ["order.confirmed-changed"] = ["display_name", "order_number", "erp_order_number", "changed_dates", "link"],
        ["order.changed"] = ["display_name", "changed_by", "order_number", "changes", "link"],
        ["order.cancelled"] = ["display_name", "changed_by", "order_number", "total", "cancelled", "still_due", "comment", "link"],
        ["order.message"] = ["display_name", "changed_by", "order_number", "comment", "link"],
        ["order.shipped"] = ["display_name", "order_number", "items", "warehouse", "carrier", "eta", "tracking_link", "link"],
        ["shipment.partially-shipped"] = ["display_name", "order_number", "items", "warehouse", "carrier", "eta", "backorders", "tracking_link", "link"],
        ["shipment.out-for-delivery"] = ["display_name", "order_number", "eta", "tracking_link", "link"],
        ["shipment.delayed"] = ["display_name", "order_number", "new_date", "reason"],
        ["shipment.eta-changed"] = ["display_name", "order_number", "new_date"],
        ["shipment.delivery-failed"] = ["display_name", "order_number", "reason", "next_attempt", "link"],
        ["shipment.ready-for-pickup"] = ["display_name", "order_number", "pickup_location", "pickup_until", "link"],
        ["shipment.pickup-reminder"] = ["display_name", "order_number", "pickup_location", "pickup_until", "link"],
        ["shipment.delivered"] = ["display_name", "order_number", "delivered_at", "link"],
        ["survey.invitation"] = ["display_name", "title", "question", "link", "valid_until"],
        ["case.acknowledged"] = ["display_name", "case_number", "owner", "due", "link"],
        ["case.answered"] = ["display_name", "case_number", "answer", "link"],
        ["case.resolved"] = ["display_name", "case_number", "resolution", "link"],
        ["case.escalated"] = ["display_name", "case_number", "owner", "due", "link"],
        ["case.escalation-told"] = ["display_name", "case_number", "due", "link"],
        ["return.authorised"] = ["display_name", "return_number", "order_number", "instructions", "link"],
        ["return.received"] = ["display_name", "return_number", "received_at", "link"],
        ["return.credit-issued"] = ["display_name", "return_number", "credit_number", "amount", "link"],
        ["calloff.confirmed"] = ["display_name", "contract_number", "order_number", "items", "delivery_date", "promised_date", "remaining", "link"],
        ["calloff.released"] = ["display_name", "contract_number", "release_number", "items", "delivery_date", "link"],
        ["contract.running-out"] = ["display_name", "contract_number", "remaining", "valid_until", "link"],
        ["contract.expired"] = ["display_name", "contract_number", "remaining", "valid_until", "link"],
    };

    /// <summary>Values only the short message shows: an SMS carries the carrier's tracking link, an e-mail links to the order page.</summary>
    private static readonly HashSet<string> ShortMessageOnly = ["tracking_link"];

    /// <summary>The declared values an e-mail in this language must show.</summary>
    private static IReadOnlyList<string> ShownIn(string situation)
    {
        return Declared[situation].Where(n => !ShortMessageOnly.Contains(n)).ToList();
    }

    /// <summary>Every name a template reads: output, conditions and loops; the layout's brand values come from the configuration.</summary>
    private static IEnumerable<string> VariablesIn(string source) =>
        Regex.Matches(source, @"\{\{-?\s*([a-z_][a-z0-9_]*)|\{%-?\s*(?:if|elsif|unless|case|when)\s+([a-z_][a-z0-9_]*)|\{%-?\s*for\s+[a-z_]+\s+in\s+([a-z_][a-z0-9_]*)")
            .Select(m => m.Groups.Values.Skip(1).First(g => g.Success).Value)
            .Where(n => n != "brand");

    public static TheoryData<string> Situations_with_messages_for_people() => new(SituationCatalog.All.Select(s => s.Key));

    [Theory]
    [MemberData(nameof(Situations_with_messages_for_people))]
    public void Every_situation_ships_german_and_english_templates_that_show_every_declared_value_and_read_no_other(string situation)
    {
        Assert.True(Declared.ContainsKey(situation), $"The situation {situation} declares no variables: add what its event provides to TemplateTests.Declared.");
        foreach (var language in new[] { "de", "en" })
        {
            var parts = new[] { TemplatePart.Subject, TemplatePart.Text, TemplatePart.Html }
                .Concat(SituationCatalog.Find(situation)!.Critical ? [] : [TemplatePart.Sms])
                .ToDictionary(p => p, p => TemplateRenderer.ShippedSource(situation, language, p) ?? throw new Xunit.Sdk.XunitException($"{situation}.{language}.{p} is missing"));
            var undeclared = parts.SelectMany(p => VariablesIn(p.Value).Select(n => (Part: p.Key, Name: n))).Where(v => !Declared[situation].Contains(v.Name)).Distinct().ToList();
            Assert.True(undeclared.Count == 0, $"{situation}.{language} reads variables its event does not provide: {string.Join(", ", undeclared.Select(v => $"{v.Name} ({v.Part})"))}");
            var values = Declared[situation].ToDictionary(n => n, n => $"<{n}>\nzwei");

            var message = Renderer.Render(situation, language, values);
            var shortMessage = Renderer.RenderShort(situation, language, values);

            Assert.All(ShownIn(situation), n => Assert.True(message.Text.Contains(values[n], StringComparison.Ordinal), $"{situation}.{language}: the text does not show {n}:\n{message.Text}"));
            Assert.All(ShownIn(situation), n => Assert.True(message.Html!.Contains($"&lt;{n}&gt;", StringComparison.Ordinal), $"{situation}.{language}: the HTML does not show {n}"));
            Assert.All(Declared[situation].Where(ShortMessageOnly.Contains), n => Assert.True(shortMessage.Text.Contains(values[n].Split('\n')[0], StringComparison.Ordinal), $"{situation}.{language}: the short message does not show {n}"));
            Assert.DoesNotContain("{{", message.Text + message.Html + shortMessage.Text);
            Assert.Contains($"lang=\"{language}\"", message.Html);
        }

        Assert.NotEqual(TemplateRenderer.ShippedSource(situation, "de", TemplatePart.Subject), TemplateRenderer.ShippedSource(situation, "en", TemplatePart.Subject));
    }

    [Fact]
    public void Only_situations_of_the_catalog_declare_variables()
    {
        Assert.Empty(Declared.Keys.Except(SituationCatalog.All.Select(s => s.Key)));
    }

    [Fact]
    public void An_approval_without_a_comment_shows_no_empty_comment_line()
    {
        var values = new Dictionary<string, string> { ["display_name"] = "Bea", ["approver_name"] = "Anna", ["order_number"] = "UW-2026-000001", ["comment"] = "", ["link"] = "https://x.example" };

        Assert.DoesNotContain("Kommentar", Renderer.Render("order.approved", "de", values).Text);
        Assert.Contains("Kommentar: passt", Renderer.Render("order.approved", "de", new Dictionary<string, string>(values) { ["comment"] = "passt" }).Text);
    }
}
