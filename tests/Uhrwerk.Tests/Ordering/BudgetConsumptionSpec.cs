using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Tests.Ordering;

/// <summary>A controller reads per user and period what was spent against which budget, without the right to manage users.</summary>
public abstract class BudgetConsumptionSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Each_entry_names_the_user_the_period_kind_and_span_the_limit_what_was_spent_and_what_remains()
    {
        var spender = await ColleagueAsync(CompanyA, "Karla Quartal", [PredefinedRole.Buyer], new { periodAmount = 100000m, period = "Quarter" });
        var saver = await ColleagueAsync(CompanyA, "Moritz Monat", [PredefinedRole.Buyer], new { periodAmount = 5000m, period = "Month" });
        var product = await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.Sku.StartsWith("SHS-")).OrderBy(p => p.Sku).Select(p => new { p.Sku, p.PackSize }).FirstAsync());
        var placed = await spender.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku = product.Sku, quantity = product.PackSize } } });
        Assert.True(placed.StatusCode == HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        var order = await placed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Placed", order.GetProperty("status").GetString());
        var total = order.GetProperty("total").GetDecimal();
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(Factory.Clock.GetUtcNow()).DateTime);
        var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var controller = await SignInAsync(UserOf(CompanyA, PredefinedRole.Controller));

        var consumption = await controller.GetFromJsonAsync<JsonElement>("/api/v1/company/budget-consumption");

        var spent = consumption.EnumerateArray().Single(c => c.GetProperty("userId").GetGuid() == spender.Id);
        Assert.Equal("Karla Quartal", spent.GetProperty("userName").GetString());
        Assert.Equal("Quarter", spent.GetProperty("periodKind").GetString());
        Assert.Equal(quarterStart.ToString("yyyy-MM-dd"), spent.GetProperty("periodStart").GetString());
        Assert.Equal(quarterStart.AddMonths(3).AddDays(-1).ToString("yyyy-MM-dd"), spent.GetProperty("periodEnd").GetString());
        Assert.Equal(100000m, spent.GetProperty("limit").GetDecimal());
        Assert.Equal(total, spent.GetProperty("spent").GetDecimal());
        Assert.Equal(100000m - total, spent.GetProperty("remaining").GetDecimal());
        Assert.Equal(decimal.Round(total / 100000m, 4), spent.GetProperty("share").GetDecimal());
        var unspent = consumption.EnumerateArray().Single(c => c.GetProperty("userId").GetGuid() == saver.Id);
        Assert.Equal("Month", unspent.GetProperty("periodKind").GetString());
        Assert.Equal(0m, unspent.GetProperty("spent").GetDecimal());
        Assert.Equal(5000m, unspent.GetProperty("remaining").GetDecimal());
        await ProblemOf(await controller.GetAsync("/api/v1/company/users"), HttpStatusCode.Forbidden);

        var page = await (await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Controller))).GetStringAsync("/company/budget-consumption");
        var row = System.Text.RegularExpressions.Regex.Match(page, $"<tr data-user=\"{spender.Id}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Karla Quartal", row);
        Assert.Contains("Quartal " + quarterStart.ToString("dd.MM.yyyy"), row);
        Assert.Matches("class=\"num limit\">100\\.000,00", row);
        Assert.Matches("class=\"num share\">\\d+\\s?%", row);
    }
}

public sealed class BudgetConsumptionOnSqlite(SqliteFactory f) : BudgetConsumptionSpec(f), IClassFixture<SqliteFactory>;

public sealed class BudgetConsumptionOnPostgres(PostgresFactory f) : BudgetConsumptionSpec(f), IClassFixture<PostgresFactory>;
