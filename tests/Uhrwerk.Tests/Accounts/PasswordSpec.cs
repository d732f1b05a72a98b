using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Accounts;

public abstract class PasswordSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Theory]
    [InlineData("aaaaaaaa", "Wiederholungen", "repeats")]
    [InlineData("abcdefgh", "Folgen", "sequences")]
    [InlineData("mnbvcxyz", "Tastaturmuster", "keyboard patterns")]
    [InlineData("passwort123", "häufig benutztes Passwort", "commonly used password")]
    [InlineData("Sommerschatz", "Einzelne Wörter", "single words")]
    [InlineData("12.03.1987", "Jahreszahlen", "dates")]
    [InlineData("wilhelminezahnrad", "Ihren Namen", "your name")]
    public async Task A_weak_password_is_refused_with_the_reason_in_German_and_English(string password, string germanReason, string englishReason)
    {
        var email = await InviteAsync("Wilhelmine Zahnrad");
        var link = QueryOf(await LinkSentToAsync(email));

        var german = await ProblemOf(await SetPasswordAsync(link, password, "de"), HttpStatusCode.BadRequest);
        var english = await ProblemOf(await SetPasswordAsync(link, password, "en"), HttpStatusCode.BadRequest);

        Assert.Contains(germanReason, ReasonOf(german));
        Assert.Contains("längeren Satz", ReasonOf(german));
        Assert.Contains(englishReason, ReasonOf(english));
        Assert.Contains("longer sentence", ReasonOf(english));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password })).StatusCode);
    }

    [Fact]
    public async Task A_password_of_seven_characters_is_refused_in_the_callers_language()
    {
        var link = QueryOf(await LinkSentToAsync(await InviteAsync("Kurt Kurz")));

        Assert.Contains("mindestens 8 Zeichen", ReasonOf(await ProblemOf(await SetPasswordAsync(link, "Zahnrad", "de"), HttpStatusCode.BadRequest)));
        Assert.Contains("at least 8 characters", ReasonOf(await ProblemOf(await SetPasswordAsync(link, "Zahnrad", "en"), HttpStatusCode.BadRequest)));
    }

    [Theory]
    [InlineData(DemoLogins.Password)]
    [InlineData(NewPassword)]
    [InlineData("Präzision ist unser Handwerk")]
    [InlineData("Bench-Zahnrad-2026")]
    public async Task Passphrases_and_the_passwords_of_the_demo_pass(string password)
    {
        var email = await InviteAsync("Petra Passt");
        var link = QueryOf(await LinkSentToAsync(email));

        Assert.Equal(HttpStatusCode.NoContent, (await SetPasswordAsync(link, password, "de")).StatusCode);
        await SignInAsync(email, password);
    }

    [Fact]
    public async Task The_set_password_page_says_why_a_password_is_too_weak()
    {
        var link = QueryOf(await LinkSentToAsync(await InviteAsync("Paula Portal")));
        var browser = Factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(new CookieContainer()));
        var path = $"/set-password?user={link["user"]}&token={Uri.EscapeDataString(link["token"])}";
        var form = await browser.GetStringAsync(path);

        var answer = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "set-password",
            ["__RequestVerificationToken"] = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value,
            ["Input.UserId"] = link["user"],
            ["Input.Token"] = link["token"],
            ["Input.Password"] = "aaaaaaaa",
        }));

        var page = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.Contains("Wiederholungen wie „aaaa“", page);
        Assert.DoesNotContain("password-saved", page);
    }

    private async Task<string> InviteAsync(string displayName)
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var email = $"{displayName.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@{CompanyA.Domain}";
        var response = await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName, email, language = "de", roleIds = new[] { await RoleIdAsync(mainContact, PredefinedRole.Buyer) } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return email;
    }

    private Task<HttpResponseMessage> SetPasswordAsync(Dictionary<string, string> link, string password, string language)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client.PostAsJsonAsync("/api/v1/account/password", new { userId = link["user"], token = link["token"], password });
    }

    private static string ReasonOf(JsonElement problem) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()));
}

public sealed class PasswordOnSqlite(SqliteFactory f) : PasswordSpec(f), IClassFixture<SqliteFactory>;

public sealed class PasswordOnPostgres(PostgresFactory f) : PasswordSpec(f), IClassFixture<PostgresFactory>;
