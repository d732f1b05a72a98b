using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Platform;

/// <summary>A client reads every problem, its title, detail and field errors, in the language it asked for.</summary>
public abstract class ProblemLanguageSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    // Words that occur in the English texts of these answers and never in German ones, and the other way round.
    private static readonly string[] EnglishWords = [" the ", " must ", " cannot ", " not ", " is ", " was ", "Validation", "Conflict", "allowed", "found", "required"];
    private static readonly string[] GermanWords = [" der ", " die ", " das ", " nicht ", " ist ", " gibt ", " mit ", "Ungültig", "erlaubt", "gefunden", "Zeichen"];

    [Theory]
    [InlineData("de", "Ungültige Eingabe", "Widerspricht dem aktuellen Stand", "Nicht erlaubt", "Nicht gefunden")]
    [InlineData("en", "Validation failed", "Conflict with the current state", "Not allowed", "Not found")]
    public async Task Validation_conflict_not_allowed_and_not_found_answer_in_the_requested_language(
        string language, string validationTitle, string conflictTitle, string notAllowedTitle, string notFoundTitle)
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        mainContact.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var me = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var buyer = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var predefined = await RoleIdAsync(mainContact, PredefinedRole.Buyer);

        var problems = new[]
        {
            (validationTitle, await ProblemOf(await mainContact.PutAsJsonAsync($"/api/v1/company/users/{buyer}/budget", new { maxQuantityPerOrder = 0, periodAmount = 100m }), HttpStatusCode.BadRequest)),
            (validationTitle, await ProblemOf(await mainContact.PutAsJsonAsync($"/api/v1/company/users/{buyer}/email", new { email = "kein-postfach" }), HttpStatusCode.BadRequest)),
            (conflictTitle, await ProblemOf(await mainContact.PutAsJsonAsync($"/api/v1/company/roles/{predefined}", new { name = "Einkauf", permissions = new[] { "ViewCatalog" } }), HttpStatusCode.Conflict)),
            (notAllowedTitle, await ProblemOf(await mainContact.PutAsJsonAsync($"/api/v1/company/users/{me}/roles", new { roleIds = Array.Empty<Guid>() }), HttpStatusCode.Forbidden)),
            (notFoundTitle, await ProblemOf(await mainContact.GetAsync($"/api/v1/company/users/{Guid.NewGuid()}"), HttpStatusCode.NotFound)),
        };

        var foreignWords = language == "de" ? EnglishWords : GermanWords;
        foreach (var (title, problem) in problems)
        {
            Assert.Equal(title, problem.GetProperty("title").GetString());
            var text = TextsOf(problem);
            Assert.True(text.Length > title.Length, problem.ToString());
            var foreign = foreignWords.Where(w => text.Contains(w, StringComparison.Ordinal)).ToList();
            Assert.True(foreign.Count == 0, $"Words of the other language ({string.Join("|", foreign)}) in a '{language}' answer: {text}");
        }

        Assert.True(problems[0].Item2.GetProperty("errors").TryGetProperty("maxQuantityPerOrder", out _), problems[0].Item2.ToString());
        Assert.True(problems[0].Item2.GetProperty("errors").TryGetProperty("period", out _), problems[0].Item2.ToString());
        Assert.Equal("predefined_role", problems[2].Item2.GetProperty("code").GetString());
        Assert.Equal("own_roles", problems[3].Item2.GetProperty("code").GetString());
    }

    /// <summary>Title, detail and every field message, padded so that word checks also see the first and last word.</summary>
    private static string TextsOf(JsonElement problem)
    {
        var texts = new List<string?> { problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString() };
        if (problem.TryGetProperty("errors", out var errors))
        {
            texts.AddRange(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())));
        }

        return " " + string.Join(" ", texts) + " ";
    }
}

public sealed class ProblemLanguageOnSqlite(SqliteFactory f) : ProblemLanguageSpec(f), IClassFixture<SqliteFactory>;

public sealed class ProblemLanguageOnPostgres(PostgresFactory f) : ProblemLanguageSpec(f), IClassFixture<PostgresFactory>;
