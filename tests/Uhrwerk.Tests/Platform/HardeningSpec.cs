using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Platform;

/// <summary>The smaller findings of the outside probe: each answer a careless or hostile client can provoke.</summary>
public abstract class HardeningSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private static MultipartFormDataContent Csv(string text) =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "erp.csv" } };

    [Fact]
    public async Task A_body_that_does_not_bind_gets_a_plain_problem_in_the_callers_language_without_internal_names()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var userId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var path = $"/api/v1/company/users/{userId}/roles";

        var german = await ProblemOf(await mainContact.PutAsync(path, new StringContent("{\"roleIds\": \"alle\"}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        mainContact.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await ProblemOf(await mainContact.PutAsync(path, new StringContent("{\"roleIds\": ", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        var wrongType = await ProblemOf(await mainContact.PutAsync(path, new StringContent("roleIds=1", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);

        Assert.StartsWith("Die Anfrage konnte nicht gelesen werden", german.GetProperty("detail").GetString());
        Assert.StartsWith("The request could not be read", english.GetProperty("detail").GetString());
        Assert.StartsWith("This format is not accepted here", wrongType.GetProperty("detail").GetString());
        foreach (var problem in new[] { german, english, wrongType })
        {
            Assert.DoesNotContain("RoleRequest", problem.ToString());
            Assert.DoesNotContain("Failed to", problem.ToString());
        }
    }

    [Fact]
    public async Task Too_many_activation_attempts_say_when_to_try_again()
    {
        var visitor = Visitor("203.0.113.29");
        var customerNumber = "9" + Random.Shared.Next(100_000, 999_999);
        HttpResponseMessage answer;
        do
        {
            answer = await Activate(visitor, customerNumber, "RE-NOPE", "probe@probe.example");
        }
        while (answer.StatusCode == HttpStatusCode.UnprocessableEntity);

        await ProblemOf(answer, HttpStatusCode.TooManyRequests);
        var retryAfter = Assert.Single(answer.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
    }

    [Fact]
    public async Task The_import_answers_401_to_anonymous_callers_whatever_they_send_and_takes_no_cookie()
    {
        const string path = "/api/v1/backoffice/imports/erp-contacts";
        var file = $"customer_number;name;email;phone\n{CompanyB.CustomerNumber};Carla Cookie;carla@cookie.example;\n";

        await ProblemOf(await Anonymous().PostAsync(path, new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.Unauthorized);
        await ProblemOf(await Anonymous().PostAsync(path, Csv(file)), HttpStatusCode.Unauthorized);
        var cookie = await SignInWithCookieAsync("service@uhrwerk.example");
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.PostAsync(path, Csv(file))).StatusCode);
        Assert.False(await InScopeAsync(db => db.ErpContacts.AnyAsync(c => c.Email == "carla@cookie.example")));

        var bearer = await SignInAsync("service@uhrwerk.example");
        await ProblemOf(await bearer.PostAsync(path, new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(HttpStatusCode.OK, (await bearer.PostAsync(path, Csv(file))).StatusCode);
    }

    [Theory]
    [InlineData("Eve\u202Egnp.exe")]
    [InlineData("Null\u0000Byte")]
    [InlineData("Zeilen\numbruch")]
    [InlineData("Lösch\u007Fzeichen")]
    public async Task Control_characters_in_names_are_refused_everywhere_a_name_enters(string name)
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var buyerEmail = UserOf(CompanyA, PredefinedRole.Buyer);
        var buyer = await SignInAsync(buyerEmail);
        var staff = await SignInAsync("service@uhrwerk.example");

        var rename = await ProblemOf(await mainContact.PutAsJsonAsync($"/api/v1/company/users/{await UserIdAsync(buyerEmail)}/name", new { displayName = name }), HttpStatusCode.BadRequest);
        var invite = await ProblemOf(await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName = name, email = $"cc-{Guid.NewGuid():N}@{CompanyA.Domain}", language = "de" }), HttpStatusCode.BadRequest);
        var role = await ProblemOf(await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name, permissions = new[] { "ViewCatalog" } }), HttpStatusCode.BadRequest);
        var sku = (await buyer.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products")).GetProperty("items")[0].GetProperty("sku").GetString();
        var list = await ProblemOf(await buyer.PostAsJsonAsync("/api/v1/order-lists", new { name, lines = new[] { new { sku, quantity = 1 } } }), HttpStatusCode.BadRequest);
        var import = await ProblemOf(await staff.PostAsync("/api/v1/backoffice/imports/erp-contacts", Csv($"customer_number;name;email;phone\n{CompanyB.CustomerNumber};\"{name}\";cc@control.example;\n")), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Steuerzeichen", rename.GetProperty("errors").GetProperty("displayName")[0].GetString());
        Assert.True(invite.GetProperty("errors").TryGetProperty("displayName", out _), invite.ToString());
        Assert.True(role.GetProperty("errors").TryGetProperty("name", out _), role.ToString());
        Assert.True(list.GetProperty("errors").TryGetProperty("name", out _), list.ToString());
        Assert.Contains(import.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "name");
        // Compared in memory: PostgreSQL refuses a U+0000 even as a query parameter.
        Assert.DoesNotContain(name, await InScopeAsync(db => db.Users.Select(u => u.DisplayName).ToListAsync()));
        Assert.DoesNotContain(name, await InScopeAsync(db => db.CompanyRoles.Select(r => r.Name).ToListAsync()));
    }

    [Fact]
    public async Task The_highest_page_number_does_not_wrap_around_to_the_first_page()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        foreach (var pageSize in new[] { 10, 25, 100 })
        {
            var first = await buyer.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?page=1&pageSize={pageSize}");
            var last = await buyer.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?page={int.MaxValue}&pageSize={pageSize}");

            Assert.NotEqual(0, first.GetProperty("items").GetArrayLength());
            Assert.True(last.GetProperty("items").GetArrayLength() == 0, $"pageSize {pageSize}: {last}");
            Assert.True(last.GetProperty("page").GetInt32() > 1, last.ToString());
        }
    }

    [Fact]
    public async Task Portal_addresses_of_things_that_do_not_exist_answer_404_with_a_page_to_read()
    {
        var mainContact = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var paths = new[] { "/no-such-page", "/catalog/NO-SUCH-SKU", $"/orders/{Guid.NewGuid()}", $"/company/users/{Guid.NewGuid()}" };

        foreach (var path in paths)
        {
            var answer = await mainContact.GetAsync(path);
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{path} answered {answer.StatusCode}");
            Assert.True(answer.Content.Headers.ContentType?.MediaType == "text/html", $"{path}: {answer.Content.Headers.ContentType} {await answer.Content.ReadAsStringAsync()}");
            Assert.Contains("<h1", await answer.Content.ReadAsStringAsync());
        }

        var anonymous = await Anonymous().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Contains("Seite nicht gefunden", WebUtility.HtmlDecode(await anonymous.Content.ReadAsStringAsync()));
        await ProblemOf(await Anonymous().GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Outside_development_the_server_refuses_to_start_without_a_public_address_for_links()
    {
        await using var production = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var refused = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("Portal:PublicBaseUrl", refused.ToString());

        await using var configured = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Portal:PublicBaseUrl", "https://portal.example.com"));
        Assert.Equal(HttpStatusCode.OK, (await configured.CreateClient().GetAsync("/health/live")).StatusCode);
    }
}

public sealed class HardeningOnSqlite(SqliteFactory f) : HardeningSpec(f), IClassFixture<SqliteFactory>;

public sealed class HardeningOnPostgres(PostgresFactory f) : HardeningSpec(f), IClassFixture<PostgresFactory>;
