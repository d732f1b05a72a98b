using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Tests.Ordering;

/// <summary>A requested delivery date lies between today and two years ahead, on every path that takes one.</summary>
public abstract class RequestedDateSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private DateOnly Today => DateOnly.FromDateTime(BerlinTime.ToLocal(Factory.Clock.GetUtcNow()).DateTime);

    private IEnumerable<DateOnly> OutOfRange => [Today.AddDays(-1), Today.AddYears(2).AddDays(1), new(2101, 1, 1), DateOnly.MaxValue];

    private Task<string> SkuAsync() => InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());

    private Task<long> LastOrderNumberAsync() => InScopeAsync(async db => await db.OrderNumberCounters.MaxAsync(c => (long?)c.Last) ?? 0);

    private static async Task<string> RefusedDateAsync(HttpResponseMessage response, string field = "requestedDeliveryDate")
    {
        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        return Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;
    }

    private static async Task<JsonElement> CreatedAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task An_order_dated_beyond_two_years_or_in_the_past_is_refused_before_it_draws_an_order_number()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var sku = await SkuAsync();
        await CreatedAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 1 } } }));
        var lastNumber = await LastOrderNumberAsync();

        foreach (var date in OutOfRange)
        {
            await RefusedDateAsync(await buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, requestedDeliveryDate = date, lines = new[] { new { sku, quantity = 1 } } }));
            await RefusedDateAsync(await buyer.GetAsync($"/api/v1/cart?requestedDeliveryDate={date:yyyy-MM-dd}"));
        }

        Assert.Equal(lastNumber, await LastOrderNumberAsync());
        var latest = await CreatedAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, requestedDeliveryDate = Today.AddYears(2), lines = new[] { new { sku, quantity = 1 } } }));
        Assert.Equal(Today.AddYears(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), latest.GetProperty("requestedDeliveryDate").GetString());
        Assert.Equal(lastNumber + 1, await LastOrderNumberAsync());
    }

    [Fact]
    public async Task The_refusal_says_how_far_ahead_a_date_may_be_in_German_and_English()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var german = await RefusedDateAsync(await buyer.GetAsync("/api/v1/cart?requestedDeliveryDate=9999-12-31"));
        buyer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await RefusedDateAsync(await buyer.GetAsync("/api/v1/cart?requestedDeliveryDate=9999-12-31"));

        Assert.Contains("zwei Jahre", german, StringComparison.Ordinal);
        Assert.Contains("two years", english, StringComparison.Ordinal);
        Assert.Contains(Today.AddYears(2).ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture), english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvers_cannot_set_a_far_date_and_an_order_stored_with_one_is_refused_with_a_problem_until_corrected()
    {
        var (_, _, buyer) = await ColleagueAsync(CompanyA, "Ferdinand Fern", [PredefinedRole.Buyer], new { maxQuantityPerOrder = 5 });
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var sku = await SkuAsync();
        var order = await CreatedAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 40 } } }));
        var id = order.GetProperty("id").GetGuid();
        Assert.Equal("PendingApproval", order.GetProperty("status").GetString());

        foreach (var date in OutOfRange)
        {
            await RefusedDateAsync(await mainContact.PutAsJsonAsync($"/api/v1/orders/{id}/approver-edit", new { lines = new[] { new { sku, quantity = 30 } }, requestedDeliveryDate = date }));
        }

        // Stored before the rule held: approving it must explain, not fail with a server error.
        await InScopeAsync(db => db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.RequestedDeliveryDate, new DateOnly(9999, 12, 31))));
        await RefusedDateAsync(await mainContact.PostAsJsonAsync($"/api/v1/orders/{id}/approve", new { comment = "ok" }));
        Assert.Equal(OrderStatus.PendingApproval, await InScopeAsync(db => db.Orders.Where(o => o.Id == id).Select(o => o.Status).SingleAsync()));
        await OkAsync(mainContact.PutAsJsonAsync($"/api/v1/orders/{id}/approver-edit", new { lines = new[] { new { sku, quantity = 30 } }, requestedDeliveryDate = Today.AddDays(20) }));
        await OkAsync(mainContact.PostAsJsonAsync($"/api/v1/orders/{id}/reject", new { comment = "bitte anders" }));

        foreach (var date in OutOfRange)
        {
            await RefusedDateAsync(await buyer.PostAsJsonAsync($"/api/v1/orders/{id}/resubmit", new { lines = new[] { new { sku, quantity = 5 } }, addressIndex = 0, requestedDeliveryDate = date }));
        }

        Assert.Equal(OrderStatus.Rejected, await InScopeAsync(db => db.Orders.Where(o => o.Id == id).Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task Delivery_promises_for_customers_and_the_ERP_refuse_dates_out_of_range()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var admin = await SignInAsync("admin@uhrwerk.example");
        var issued = await CreatedAsync(admin.PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = "ERP", scopes = new[] { "erp.inventory" } }));
        var erp = Anonymous();
        erp.DefaultRequestHeaders.Add("X-Api-Key", issued.GetProperty("key").GetString());
        var sku = await SkuAsync();

        foreach (var (client, path) in new[] { (buyer, "/api/v1/delivery-promise"), (erp, "/api/v1/erp/delivery-promise") })
        {
            foreach (var date in OutOfRange)
            {
                await RefusedDateAsync(await client.PostAsJsonAsync(path, new { country = "DE", postalCode = "85748", lines = new[] { new { sku, quantity = 1, requestedDate = Today }, new { sku, quantity = 1, requestedDate = date } } }), "lines[1].requestedDate");
            }

            await OkAsync(client.PostAsJsonAsync(path, new { country = "DE", postalCode = "85748", lines = new[] { new { sku, quantity = 1, requestedDate = Today.AddYears(2) } } }));
        }
    }

    [Fact]
    public async Task Order_lists_filtered_to_the_ends_of_the_calendar_answer_with_the_orders()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var order = await CreatedAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku = await SkuAsync(), quantity = 1 } } }));

        var response = await buyer.GetAsync("/api/v1/orders?from=0001-01-01&to=9999-12-31");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray();
        Assert.Contains(items, o => o.GetProperty("id").GetGuid() == order.GetProperty("id").GetGuid());
    }
}

public sealed class RequestedDateOnSqlite(SqliteFactory f) : RequestedDateSpec(f), IClassFixture<SqliteFactory>;

public sealed class RequestedDateOnPostgres(PostgresFactory f) : RequestedDateSpec(f), IClassFixture<PostgresFactory>;
