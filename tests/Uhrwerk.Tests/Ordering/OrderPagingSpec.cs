using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Ordering;

/// <summary>
/// Order lists are read page by page after a cursor (the last order shown), never by counting and
/// skipping rows: a next page neither repeats nor skips an order while new ones arrive, and a cursor
/// only ever reads on in the list it came from.
/// </summary>
public abstract class OrderPagingSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private Task<string> SkuAsync() => InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());

    private static async Task<Guid> PlaceAsync(HttpClient buyer, string sku)
    {
        var response = await buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 1 } } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<(IReadOnlyList<Guid> Ids, string? Next)> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        var page = JsonDocument.Parse(body).RootElement;
        return (page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList(),
            page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString());
    }

    private static async Task<string> RefusedCursorAsync(HttpClient client, string url)
    {
        var problem = await ProblemOf(await client.GetAsync(url), HttpStatusCode.BadRequest);
        return Assert.Single(problem.GetProperty("errors").GetProperty("after").EnumerateArray()).GetString()!;
    }

    private async Task<(HttpClient Client, IReadOnlyList<Guid> Orders)> BuyerWithOrdersAsync(DemoLogins.DemoCompany company, string name, int count)
    {
        var buyer = await ColleagueAsync(company, name, [PredefinedRole.Buyer]);
        var sku = await SkuAsync();
        var orders = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            orders.Add(await PlaceAsync(buyer.Client, sku));
        }

        return (buyer.Client, orders);
    }

    [Fact]
    public async Task The_next_page_continues_after_the_last_order_shown_without_gaps_or_repeats_while_new_orders_arrive()
    {
        // Orders placed in the same instant are told apart by their id alone; the cursor must carry both.
        Factory.Clock.AutoAdvanceAmount = TimeSpan.Zero;
        (HttpClient Client, IReadOnlyList<Guid> Orders) buyer;
        try
        {
            buyer = await BuyerWithOrdersAsync(CompanyA, "Paula Paging", 7);
        }
        finally
        {
            Factory.Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
        }

        var first = await PageAsync(buyer.Client, "/api/v1/orders?pageSize=3");
        var sku = await SkuAsync();
        var arrived = new[] { await PlaceAsync(buyer.Client, sku), await PlaceAsync(buyer.Client, sku) };
        var second = await PageAsync(buyer.Client, $"/api/v1/orders?pageSize=3&after={first.Next}");
        var third = await PageAsync(buyer.Client, $"/api/v1/orders?pageSize=3&after={second.Next}");

        Assert.Equal(3, first.Ids.Count);
        Assert.Equal(3, second.Ids.Count);
        Assert.Single(third.Ids);
        Assert.Null(third.Next);
        var seen = first.Ids.Concat(second.Ids).Concat(third.Ids).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(buyer.Orders.Order(), seen.Order());
        var restarted = await PageAsync(buyer.Client, "/api/v1/orders?pageSize=3");
        Assert.Equal(arrived.Reverse(), restarted.Ids.Take(2));
    }

    [Fact]
    public async Task The_next_page_keeps_the_filter_and_the_back_office_reads_every_company_page_by_page()
    {
        var buyer = await BuyerWithOrdersAsync(CompanyA, "Fritz Filter", 2);
        var sku = await SkuAsync();
        var referenced = new List<Guid>();
        foreach (var reference in new[] { "PAGE-1", "PAGE-2", "PAGE-3" })
        {
            var response = await buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, purchaseOrderReference = reference, lines = new[] { new { sku, quantity = 1 } } });
            referenced.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var staff = await SignInAsync("service@uhrwerk.example");

        var filtered = await PageAsync(buyer.Client, "/api/v1/orders?pageSize=2&reference=PAGE-&status=Placed");
        var filteredOn = await PageAsync(buyer.Client, $"/api/v1/orders?pageSize=2&reference=PAGE-&status=Placed&after={filtered.Next}");
        var placed = await PageAsync(staff, "/api/v1/backoffice/orders?pageSize=2");
        var placedOn = await PageAsync(staff, $"/api/v1/backoffice/orders?pageSize=2&after={placed.Next}");

        Assert.Equal(referenced.AsEnumerable().Reverse(), filtered.Ids.Concat(filteredOn.Ids));
        Assert.Null(filteredOn.Next);
        Assert.Equal(referenced.AsEnumerable().Reverse().Concat(buyer.Orders.Reverse()).Take(4), placed.Ids.Concat(placedOn.Ids));
    }

    [Fact]
    public async Task A_page_of_orders_first_or_next_costs_one_query_besides_knowing_the_caller()
    {
        var buyer = await BuyerWithOrdersAsync(CompanyA, "Rudi Rundreise", 3);
        var staff = await SignInAsync("service@uhrwerk.example");
        await buyer.Client.GetAsync("/api/v1/orders?pageSize=1");

        using var me = await buyer.Client.GetAsync("/api/v1/me");
        using var first = await buyer.Client.GetAsync("/api/v1/orders?pageSize=1&status=Placed");
        var next = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString();
        using var second = await buyer.Client.GetAsync($"/api/v1/orders?pageSize=1&status=Placed&after={next}");
        using var staffMe = await staff.GetAsync("/api/v1/me");
        using var placed = await staff.GetAsync("/api/v1/backoffice/orders?pageSize=2");

        var caller = Platform.RoundTripSpec.RoundTripsOf(me);
        Assert.Equal(caller + 1, Platform.RoundTripSpec.RoundTripsOf(first));
        Assert.Equal(caller + 1, Platform.RoundTripSpec.RoundTripsOf(second));
        // The company names of the page's orders are a second query; still no count of all orders.
        Assert.Equal(Platform.RoundTripSpec.RoundTripsOf(staffMe) + 2, Platform.RoundTripSpec.RoundTripsOf(placed));
    }

    [Fact]
    public async Task A_cursor_changed_by_hand_or_taken_from_another_list_is_a_400_problem()
    {
        var buyer = await BuyerWithOrdersAsync(CompanyA, "Tina Tamper", 2);
        var staff = await SignInAsync("service@uhrwerk.example");
        var controller = await SignInAsync(UserOf(CompanyA, PredefinedRole.Controller));
        var mine = (await PageAsync(buyer.Client, "/api/v1/orders?pageSize=1")).Next!;
        var acrossCompanies = (await PageAsync(staff, "/api/v1/backoffice/orders?pageSize=1")).Next!;
        var ofTheCompany = (await PageAsync(controller, "/api/v1/orders?company=true&pageSize=1")).Next!;
        var middle = mine.Length / 2;
        var tampered = mine[..middle] + (mine[middle] == 'A' ? 'B' : 'A') + mine[(middle + 1)..];

        Assert.NotEmpty(await RefusedCursorAsync(buyer.Client, $"/api/v1/orders?pageSize=1&after={tampered}"));
        Assert.NotEmpty(await RefusedCursorAsync(buyer.Client, $"/api/v1/orders?pageSize=1&after={mine[..^2]}"));
        Assert.NotEmpty(await RefusedCursorAsync(buyer.Client, $"/api/v1/orders?pageSize=1&after={acrossCompanies}"));
        Assert.NotEmpty(await RefusedCursorAsync(buyer.Client, $"/api/v1/orders?pageSize=1&after={ofTheCompany}"));
        Assert.NotEmpty(await RefusedCursorAsync(staff, $"/api/v1/backoffice/orders?pageSize=1&after={mine}"));
        Assert.NotEmpty(await RefusedCursorAsync(controller, $"/api/v1/orders?company=true&pageSize=1&after={mine}"));
        Assert.Single((await PageAsync(buyer.Client, $"/api/v1/orders?pageSize=1&after={mine}")).Ids);
    }

    [Fact]
    public async Task A_cursor_of_another_company_reads_on_in_no_company_but_its_own()
    {
        await BuyerWithOrdersAsync(CompanyB, "Bernd Fremd", 2);
        var foreignController = await SignInAsync(UserOf(CompanyB, PredefinedRole.Controller));
        var foreign = (await PageAsync(foreignController, "/api/v1/orders?company=true&pageSize=1")).Next!;
        var controller = await SignInAsync(UserOf(CompanyA, PredefinedRole.Controller));

        Assert.NotEmpty(await RefusedCursorAsync(controller, $"/api/v1/orders?company=true&pageSize=1&after={foreign}"));
        Assert.NotEmpty(await RefusedCursorAsync(controller, $"/api/v1/orders?pageSize=1&after={foreign}"));
        Assert.Single((await PageAsync(foreignController, $"/api/v1/orders?company=true&pageSize=1&after={foreign}")).Ids);
    }

    [Fact]
    public async Task The_portal_order_list_leads_on_to_the_older_orders_and_back_to_the_first_page()
    {
        var buyer = await ColleagueAsync(CompanyA, "Olga Older", [PredefinedRole.Buyer]);
        var sku = await SkuAsync();
        var numbers = new List<string>();
        for (var i = 0; i < 26; i++)
        {
            var response = await buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 1 } } });
            numbers.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!);
        }

        var portal = await SignInWithCookieAsync(buyer.Email, NewPassword);

        var first = await portal.GetStringAsync("/orders");
        var next = System.Text.RegularExpressions.Regex.Match(first, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value;
        var older = await portal.GetStringAsync(System.Net.WebUtility.HtmlDecode(next));
        var foreign = await portal.GetStringAsync("/orders?after=" + next.Split("after=")[1][..^4] + "AAAA");

        Assert.Contains(numbers[^1], first);
        Assert.DoesNotContain(numbers[0], first);
        Assert.Contains(numbers[0], older);
        Assert.DoesNotContain(numbers[^1], older);
        Assert.Contains("rel=\"first\"", older);
        Assert.DoesNotContain("rel=\"next\"", older);
        Assert.Contains(numbers[^1], foreign);
    }
}

public sealed class OrderPagingOnSqlite(SqliteFactory f) : OrderPagingSpec(f), IClassFixture<SqliteFactory>;

public sealed class OrderPagingOnPostgres(PostgresFactory f) : OrderPagingSpec(f), IClassFixture<PostgresFactory>;
