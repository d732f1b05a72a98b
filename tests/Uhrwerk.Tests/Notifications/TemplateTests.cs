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
        var error = TemplateSyntax.Check(source);

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

    public static TheoryData<string> Situations_with_messages_for_people() => new(SituationCatalog.All.Select(s => s.Key));

    [Theory]
    [MemberData(nameof(Situations_with_messages_for_people))]
    public void Every_situation_ships_german_and_english_templates_that_show_every_value(string situation)
    {
        foreach (var language in new[] { "de", "en" })
        {
            var parts = new[] { TemplatePart.Subject, TemplatePart.Text, TemplatePart.Html }
                .Concat(SituationCatalog.Find(situation)!.Critical ? [] : [TemplatePart.Sms])
                .ToDictionary(p => p, p => TemplateRenderer.ShippedSource(situation, language, p) ?? throw new Xunit.Sdk.XunitException($"{situation}.{language}.{p} is missing"));
            var names = parts.Values.SelectMany(source => Regex.Matches(source, @"\{\{ ([a-z_]+)[ |]").Select(m => m.Groups[1].Value)).Distinct().ToList();
            var values = names.ToDictionary(n => n, n => $"<{n}>\nzwei");

            var message = Renderer.Render(situation, language, values);
            var shortMessage = Renderer.RenderShort(situation, language, values);

            Assert.All(names.Where(n => parts[TemplatePart.Text].Contains("{{ " + n)), n => Assert.Contains(values[n], message.Text));
            Assert.All(names.Where(n => parts[TemplatePart.Html].Contains("{{ " + n)), n => Assert.Contains($"&lt;{n}&gt;", message.Html));
            Assert.DoesNotContain("{{", message.Text + message.Html + shortMessage.Text);
            Assert.Contains($"lang=\"{language}\"", message.Html);
        }

        Assert.NotEqual(TemplateRenderer.ShippedSource(situation, "de", TemplatePart.Subject), TemplateRenderer.ShippedSource(situation, "en", TemplatePart.Subject));
    }

    [Fact]
    public void An_approval_without_a_comment_shows_no_empty_comment_line()
    {
        var values = new Dictionary<string, string> { ["display_name"] = "Bea", ["approver_name"] = "Anna", ["order_number"] = "UW-2026-000001", ["comment"] = "", ["link"] = "https://x.example" };

        Assert.DoesNotContain("Kommentar", Renderer.Render("order.approved", "de", values).Text);
        Assert.Contains("Kommentar: passt", Renderer.Render("order.approved", "de", new Dictionary<string, string>(values) { ["comment"] = "passt" }).Text);
    }
}
