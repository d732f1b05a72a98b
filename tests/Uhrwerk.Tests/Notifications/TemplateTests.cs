using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
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
}
