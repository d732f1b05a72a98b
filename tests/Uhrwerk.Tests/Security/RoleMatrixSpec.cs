using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Tests.Security;

/// <summary>Each role may call exactly the endpoints its permissions allow; the matrix comes from the route table.</summary>
public abstract class RoleMatrixSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private async Task<Dictionary<string, string>> OwnIdsAsync()
    {
        var companyA = await CompanyIdAsync(CompanyA);
        var admin = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var target = await admin.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Matrix Target", email = "matrix@mueller-maschinenbau.example" });
        var role = await admin.PostAsJsonAsync("/api/v1/company/roles", new { name = "Matrix", permissions = new[] { "ViewCatalog" } });
        return new Dictionary<string, string>
        {
            ["userId"] = (await target.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            ["roleId"] = (await role.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            ["contactId"] = (await InScopeAsync(db => db.ErpContacts.Where(c => c.CustomerNumber == CompanyA.CustomerNumber).Select(c => c.Id).FirstAsync())).ToString(),
            ["sku"] = "NO-SUCH-SKU",
            ["datasheetId"] = Guid.Empty.ToString(),
            ["deliveryId"] = Guid.Empty.ToString(),
            ["orderId"] = Guid.Empty.ToString(),
            ["absenceId"] = Guid.Empty.ToString(),
            ["listId"] = Guid.Empty.ToString(),
            ["situation"] = "shipment.delayed",
            ["language"] = "en",
            ["part"] = "Text",
            ["name"] = "erp-customers",
            ["customerNumber"] = "99999",
            ["invoiceNumber"] = "RE-99999",
            ["code"] = "NOPE",
            ["receiptId"] = Guid.Empty.ToString(),
            ["reservationId"] = Guid.Empty.ToString(),
            ["activationId"] = Guid.Empty.ToString(),
        };
    }

    private async Task<(string Who, HttpClient Client, IReadOnlySet<Permission> Permissions)[]> CallersAsync()
    {
        var callers = new List<(string, HttpClient, IReadOnlySet<Permission>)>();
        foreach (var role in Enum.GetValues<PredefinedRole>())
        {
            callers.Add((role.ToString(), await SignInAsync(UserOf(CompanyA, role)), CompanyRole.PermissionsOf(role).ToHashSet()));
        }

        foreach (var (role, email, _) in DemoLogins.Staff)
        {
            callers.Add(("Staff " + role, await SignInAsync(email), Permissions.Of(role)));
        }

        return [.. callers];
    }

    [Fact]
    public async Task Every_role_may_call_exactly_the_endpoints_its_permissions_allow()
    {
        var guarded = ApiEndpoint.All(Factory.Services).Where(e => e.Permissions is not null).ToList();
        Assert.NotEmpty(guarded);
        var ids = await OwnIdsAsync();
        var callers = await CallersAsync();

        var wrong = new List<string>();
        foreach (var endpoint in guarded)
        {
            foreach (var (who, client, permissions) in callers)
            {
                var status = (await client.SendAsync(endpoint.Request(ids))).StatusCode;
                var allowed = endpoint.Permissions!.Any(permissions.Contains);
                if (allowed == (status == HttpStatusCode.Forbidden) || status == HttpStatusCode.Unauthorized)
                {
                    wrong.Add($"{who} on {endpoint} needing any of {string.Join(", ", endpoint.Permissions!)}: {(int)status}, expected {(allowed ? "not 403" : "403")}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task Technicians_cannot_manage_users_and_controllers_only_read()
    {
        var technician = await SignInAsync(UserOf(CompanyA, PredefinedRole.Technician));
        var controller = await SignInAsync(UserOf(CompanyA, PredefinedRole.Controller));

        await ProblemOf(await technician.GetAsync("/api/v1/company/users"), HttpStatusCode.Forbidden);
        await ProblemOf(await controller.PostAsJsonAsync("/api/v1/company/roles", new { name = "X", permissions = new[] { "ViewCatalog" } }), HttpStatusCode.Forbidden);
        var me = await technician.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var permissions = me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("ViewDatasheets", permissions);
        Assert.DoesNotContain("ViewPrices", permissions);
        Assert.DoesNotContain("PlaceOrders", permissions);
    }

    [Fact]
    public async Task Machine_endpoints_need_an_api_key_with_the_right_scope()
    {
        var admin = await SignInAsync("admin@uhrwerk.example");
        var issued = await (await admin.PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = "ERP", scopes = new[] { ApiScopes.ErpDirectory } })).Content.ReadFromJsonAsync<JsonElement>();
        var erp = Anonymous();
        erp.DefaultRequestHeaders.Add("X-Api-Key", issued.GetProperty("key").GetString());
        var body = new { name = "Neukunde GmbH", mayUseCustomerCenter = true, addresses = new[] { new { kind = "Billing", street = "Weg 1", postalCode = "01067", city = "Dresden", country = "DE" } } };

        Assert.Equal(HttpStatusCode.Created, (await erp.PutAsJsonAsync("/api/v1/erp/customers/20001", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await erp.PutAsJsonAsync("/api/v1/erp/customers/20001", body)).StatusCode);
        Assert.Contains((await admin.PutAsJsonAsync("/api/v1/erp/customers/20002", body)).StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        var wrongKey = Anonymous();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "uwk_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.PutAsJsonAsync("/api/v1/erp/customers/20003", body)).StatusCode);
        Assert.Equal("Neukunde GmbH", await InScopeAsync(db => db.ErpCustomers.Where(c => c.CustomerNumber == "20001").Select(c => c.Name).SingleAsync()));
        Assert.False(await InScopeAsync(db => db.Set<ApiKey>().AnyAsync(k => k.Hash == issued.GetProperty("key").GetString())));
    }
}

public sealed class RoleMatrixOnSqlite(SqliteFactory f) : RoleMatrixSpec(f), IClassFixture<SqliteFactory>;

public sealed class RoleMatrixOnPostgres(PostgresFactory f) : RoleMatrixSpec(f), IClassFixture<PostgresFactory>;
