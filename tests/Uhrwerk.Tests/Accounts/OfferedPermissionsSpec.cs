using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Tests.Security;

namespace Uhrwerk.Tests.Accounts;

/// <summary>A role editor that offers a permission nothing checks misleads the main contact: only checked permissions are offered.</summary>
public abstract class OfferedPermissionsSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Every_offered_permission_is_checked_and_every_customer_permission_that_is_checked_is_offered()
    {
        var guarding = ApiEndpoint.All(Factory.Services).SelectMany(e => e.Permissions ?? []).Where(Permissions.Customer.Contains).ToHashSet();
        // ViewPrices guards no endpoint of its own: it decides whether the catalog's answers carry prices.
        var pricesFor = async (PredefinedRole role) => (await (await SignInAsync(UserOf(CompanyA, role))).GetFromJsonAsync<JsonElement>("/api/v1/catalog/products"))
            .GetProperty("items").EnumerateArray().Select(p => p.GetProperty("price").ValueKind).Distinct().ToList();
        Assert.Equal([JsonValueKind.Null], await pricesFor(PredefinedRole.Technician));
        Assert.Equal([JsonValueKind.Number], await pricesFor(PredefinedRole.Buyer));
        var checkedPermissions = guarding.Append(Permission.ViewPrices).ToHashSet();

        Assert.Equal(Permissions.Offered.Order(), checkedPermissions.Order());
        Assert.All(Enum.GetValues<PredefinedRole>(), role => Assert.Subset(Permissions.Offered.ToHashSet(), CompanyRole.PermissionsOf(role).ToHashSet()));
    }

    [Fact]
    public async Task A_role_cannot_be_given_a_permission_nothing_checks_and_the_editor_does_not_offer_one()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var notChecked = Permissions.Customer.Except(Permissions.Offered).ToList();
        Assert.NotEmpty(notChecked);

        foreach (var permission in notChecked)
        {
            var problem = await ProblemOf(await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name = "Ungeprüft " + permission, permissions = new[] { "ViewCatalog", permission.ToString() } }), HttpStatusCode.BadRequest);
            Assert.Contains("nichts", problem.GetProperty("errors").GetProperty("permissions")[0].GetString());
        }

        var roles = await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/roles");
        var held = roles.EnumerateArray().SelectMany(r => r.GetProperty("permissions").EnumerateArray().Select(p => p.GetString())).ToHashSet();
        Assert.DoesNotContain(held, p => notChecked.Any(u => u.ToString() == p));
        var editor = await (await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator))).GetStringAsync("/company/roles");
        Assert.Contains("value=\"ViewReports\"", editor);
        Assert.All(notChecked, permission => Assert.DoesNotContain($"value=\"{permission}\"", editor));
    }

    [Fact]
    public async Task The_role_editor_deletes_one_of_several_custom_roles()
    {
        var mainContact = await SignInAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        var kept = await RoleAsync(mainContact, "Bleibt", "ViewCatalog");
        var deleted = await RoleAsync(mainContact, "Weg", "ViewCatalog");
        var portal = await SignInWithCookieAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        var page = await portal.GetStringAsync("/company/roles");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await portal.PostAsync("/company/roles", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "delete-role", ["__RequestVerificationToken"] = token, ["DeleteRoleId"] = deleted.ToString(),
        }));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var roles = (await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/roles")).EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(kept, roles);
        Assert.DoesNotContain(deleted, roles);
    }

    [Fact]
    public async Task ViewReports_alone_reads_budget_consumption_and_ViewCompanyOrders_alone_does_not()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var reports = await RoleAsync(mainContact, "Nur Berichte", "ViewReports");
        var orders = await RoleAsync(mainContact, "Nur Bestellungen", "ViewCompanyOrders");
        var reader = await UserWithRoleAsync(mainContact, "Rita Report", reports);
        var orderReader = await UserWithRoleAsync(mainContact, "Otto Order", orders);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/company/budget-consumption")).StatusCode);
        await ProblemOf(await orderReader.GetAsync("/api/v1/company/budget-consumption"), HttpStatusCode.Forbidden);
        await ProblemOf(await reader.GetAsync("/api/v1/company/users"), HttpStatusCode.Forbidden);
    }

    private static async Task<Guid> RoleAsync(HttpClient mainContact, string name, string permission)
    {
        var response = await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name = $"{name} {Guid.NewGuid():N}"[..30], permissions = new[] { permission } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpClient> UserWithRoleAsync(HttpClient mainContact, string displayName, Guid roleId)
    {
        var email = $"{displayName.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@{CompanyA.Domain}";
        var response = await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName, email, language = "de", roleIds = new[] { roleId } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await AcceptInvitationAsync(email);
    }
}

public sealed class OfferedPermissionsOnSqlite(SqliteFactory f) : OfferedPermissionsSpec(f), IClassFixture<SqliteFactory>;

public sealed class OfferedPermissionsOnPostgres(PostgresFactory f) : OfferedPermissionsSpec(f), IClassFixture<PostgresFactory>;
