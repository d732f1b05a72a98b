using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Accounts;

/// <summary>The customer center's and the back office's pages render what they are about for someone signed in with the portal's cookie.</summary>
public abstract class PortalPagesSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task The_company_page_shows_the_company_its_main_contact_and_its_addresses()
    {
        var mainContact = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator));

        var page = await PageAsync(mainContact, "/company");

        Assert.Contains($"<h1>{CompanyA.Name}</h1>", page);
        Assert.Contains(CompanyA.CustomerNumber, page);
        Assert.Contains("Anna Administrator", page);
        Assert.Contains(UserOf(CompanyA, PredefinedRole.Administrator), page);
        Assert.Contains("Adressen", page);
        Assert.Contains($"{CompanyA.PostalCode} {CompanyA.City}", page);
        Assert.DoesNotContain(CompanyB.Name, page);
    }

    [Fact]
    public async Task The_roles_page_lists_the_predefined_and_the_companys_own_roles()
    {
        var name = "Lagerteam " + Guid.NewGuid().ToString("N")[..6];
        await CreateRoleAsync(name);
        var mainContact = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator));

        var page = await PageAsync(mainContact, "/company/roles");

        Assert.Contains("<h1>Rollen und Rechte</h1>", page);
        Assert.Contains(name, page);
        Assert.Contains("Administrator", page);
    }

    [Fact]
    public async Task The_audit_log_page_shows_a_change_just_made()
    {
        var name = "Prüfteam " + Guid.NewGuid().ToString("N")[..6];
        await CreateRoleAsync(name);
        var mainContact = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator));

        var page = await PageAsync(mainContact, "/company/audit-log");

        Assert.Contains("<h1>Änderungsprotokoll</h1>", page);
        Assert.Contains(name, page);
        Assert.Contains("Anna Administrator", page);
    }

    [Fact]
    public async Task A_users_page_shows_the_user()
    {
        var buyerEmail = UserOf(CompanyA, PredefinedRole.Buyer);
        var buyerId = await UserIdAsync(buyerEmail);
        var mainContact = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator));

        var page = await PageAsync(mainContact, $"/company/users/{buyerId}");

        Assert.Contains("<h1>Bernd Buyer</h1>", page);
        Assert.Contains(buyerEmail, page);
    }

    [Fact]
    public async Task Customer_service_sees_every_company_and_the_erp_import_formats()
    {
        var service = await SignInWithCookieAsync("service@uhrwerk.example");

        var companies = await PageAsync(service, "/backoffice/companies");
        var imports = await PageAsync(service, "/backoffice/imports");

        Assert.Contains("<h1>Firmen</h1>", companies);
        Assert.All(DemoLogins.Companies, c => Assert.Contains(c.Name, companies));
        Assert.Contains("<h1>ERP-Daten importieren</h1>", imports);
        Assert.Contains("Dateiformate", imports);
        Assert.Contains("type=\"file\"", imports);
    }

    [Fact]
    public async Task The_template_page_offers_every_situation_and_opens_the_chosen_ones_templates()
    {
        var service = await SignInWithCookieAsync("service@uhrwerk.example");

        var page = await PageAsync(service, "/backoffice/templates?situation=order.placed&language=de");

        Assert.Contains("<h1>Nachrichtenvorlagen</h1>", page);
        Assert.Contains("value=\"order.placed\" selected", page);
        Assert.Contains("value=\"order.cancelled\"", page);
        Assert.Contains("Bestellung {{ order_number }} ist beim Lieferanten", page);
    }

    private async Task CreateRoleAsync(string name)
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var response = await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name, permissions = new[] { "ViewCatalog" } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return WebUtility.HtmlDecode(html);
    }
}

public sealed class PortalPagesOnSqlite(SqliteFactory factory) : PortalPagesSpec(factory), IClassFixture<SqliteFactory>;

public sealed class PortalPagesOnPostgres(PostgresFactory factory) : PortalPagesSpec(factory), IClassFixture<PostgresFactory>;
