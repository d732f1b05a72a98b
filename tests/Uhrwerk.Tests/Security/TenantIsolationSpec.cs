using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Security;

/// <summary>A user of company B can neither read nor change anything of company A, through any endpoint.</summary>
public abstract class TenantIsolationSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private async Task<Dictionary<string, string>> IdsOfCompanyAAsync()
    {
        var companyA = await CompanyIdAsync(CompanyA);
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var order = await buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 101 } } });
        var list = await buyer.PostAsJsonAsync("/api/v1/order-lists", new { name = "Liste " + Guid.NewGuid().ToString("N")[..8], lines = new[] { new { sku, quantity = 1 } } });
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var approverId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Approver));
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        var absence = await mainContact.PostAsJsonAsync("/api/v1/company/absences", new { userId = approverId, from = today, to = today.AddDays(3) });
        return new Dictionary<string, string>
        {
            ["orderId"] = (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            ["listId"] = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            ["absenceId"] = (await absence.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            ["userId"] = (await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer))).ToString(),
            ["roleId"] = (await InScopeAsync(db => db.CompanyRoles.Where(r => r.CompanyId == companyA && r.Predefined == PredefinedRole.Buyer).Select(r => r.Id).SingleAsync())).ToString(),
            ["contactId"] = (await InScopeAsync(db => db.ErpContacts.Where(c => c.CustomerNumber == CompanyA.CustomerNumber).Select(c => c.Id).FirstAsync())).ToString(),
        };
    }

    /// <summary>A hash over every row of every table: any change anywhere shows.</summary>
    private Task<string> DatabaseFingerprintAsync() => InScopeAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).Where(t => t is not null).Distinct().Order().ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            text.Append(table).Append(':').AppendJoin('\n', rows.Order()).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    });

    [Fact]
    public async Task A_user_of_company_B_gets_404_or_403_for_every_id_of_company_A_on_every_endpoint_and_nothing_changes()
    {
        var endpoints = ApiEndpoint.All(Factory.Services).Where(e => e.IsCustomerSide && e.Parameters.Any()).ToList();
        var unknown = endpoints.SelectMany(e => e.Parameters).Where(p => !ApiEndpoint.CompanyOwnedParameters.Contains(p) && !ApiEndpoint.SharedParameters.Contains(p)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"Classify these route parameters as company-owned or shared in ApiEndpoint: {string.Join(", ", unknown)}");
        var targets = endpoints.Where(e => e.Parameters.Any(ApiEndpoint.CompanyOwnedParameters.Contains)).ToList();
        Assert.NotEmpty(targets);
        var idsOfA = await IdsOfCompanyAAsync();
        var mainContactOfB = await SignInAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        var before = await DatabaseFingerprintAsync();

        var leaks = new List<string>();
        foreach (var endpoint in targets)
        {
            var response = await mainContactOfB.SendAsync(endpoint.Request(idsOfA));
            if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
            {
                leaks.Add($"{endpoint} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
        Assert.Equal(before, await DatabaseFingerprintAsync());
    }

    [Fact]
    public async Task Lists_and_reads_of_company_B_never_contain_anything_of_company_A()
    {
        var idsOfA = await IdsOfCompanyAAsync();
        var companyA = await CompanyIdAsync(CompanyA);
        var secretsOfA = idsOfA.Values.Append(companyA.ToString()).Append(CompanyA.Domain).Append(CompanyA.Name).ToList();
        var mainContactOfB = await SignInAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        var reads = ApiEndpoint.All(Factory.Services).Where(e => e.IsCustomerSide && e.Method == "GET" && e.Parameters.Count == 0).ToList();
        Assert.NotEmpty(reads);

        foreach (var endpoint in reads)
        {
            var body = await (await mainContactOfB.SendAsync(endpoint.Request(new Dictionary<string, string>()))).Content.ReadAsStringAsync();
            Assert.DoesNotContain(secretsOfA, secret => body.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}

public sealed class TenantIsolationOnSqlite(SqliteFactory f) : TenantIsolationSpec(f), IClassFixture<SqliteFactory>;

public sealed class TenantIsolationOnPostgres(PostgresFactory f) : TenantIsolationSpec(f), IClassFixture<PostgresFactory>;
