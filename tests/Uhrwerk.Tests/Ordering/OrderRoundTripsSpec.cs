using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Tests.Platform;

namespace Uhrwerk.Tests.Ordering;

/// <summary>
/// What an order costs the database, counted per request: the complete order of an ERP (three lines,
/// delivery choice, idempotency key, a buyer with a period budget) and the portal's cart path.
/// The counts are those of a buyer's second order, once the year's counter and the period's ledger row exist.
/// </summary>
public abstract class OrderRoundTripsSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    /// <summary>At most this many for the complete order; SQLite writes each inserted row in a command of its own.</summary>
    protected abstract int CompleteOrder { get; }

    /// <summary>At most this many for the three PUTs and the POST together.</summary>
    protected abstract int CartPath { get; }

    [Fact]
    public async Task A_three_line_order_with_idempotency_key_and_budget_takes_a_bounded_number_of_round_trips()
    {
        var buyer = await ColleagueAsync(CompanyA, "Rolf Rundreise", [PredefinedRole.Buyer], new { periodAmount = 1000000m, period = "Month" });
        var lines = await ThreeLinesAsync();
        await PlaceAsync(buyer.Client, lines);

        using var placed = await PlaceAsync(buyer.Client, lines);

        var order = await placed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Placed", order.GetProperty("status").GetString());
        Assert.Equal(3, order.GetProperty("lines").GetArrayLength());
        Assert.InRange(RoundTripSpec.RoundTripsOf(placed), 1, CompleteOrder);
    }

    [Fact]
    public async Task The_cart_path_of_three_lines_takes_a_bounded_number_of_round_trips()
    {
        var buyer = await ColleagueAsync(CompanyA, "Carla Korb", [PredefinedRole.Buyer], new { periodAmount = 1000000m, period = "Month" });
        var lines = await ThreeLinesAsync();
        await PlaceAsync(buyer.Client, lines);

        var trips = 0;
        foreach (var line in lines)
        {
            using var put = await buyer.Client.PutAsJsonAsync($"/api/v1/cart/lines/{line.Sku}", new { quantity = line.PackSize });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            trips += RoundTripSpec.RoundTripsOf(put);
        }

        using var placed = await buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, deliveryChoice = "Partial" });
        Assert.True(placed.StatusCode == HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        trips += RoundTripSpec.RoundTripsOf(placed);

        Assert.Equal(3, (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines").GetArrayLength());
        Assert.InRange(trips, 1, CartPath);
    }

    private async Task<List<(string Sku, int PackSize)>> ThreeLinesAsync() =>
        (await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.Sku.StartsWith("SHS-")).OrderBy(p => p.Sku).Select(p => new { p.Sku, p.PackSize }).Take(3).ToListAsync()))
        .Select(p => (p.Sku, p.PackSize)).ToList();

    private static async Task<HttpResponseMessage> PlaceAsync(HttpClient buyer, List<(string Sku, int PackSize)> lines)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new { addressIndex = 0, deliveryChoice = "Partial", lines = lines.Select(l => new { sku = l.Sku, quantity = l.PackSize }) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await buyer.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response;
    }
}

public sealed class OrderRoundTripsOnSqlite(SqliteFactory f) : OrderRoundTripsSpec(f), IClassFixture<SqliteFactory>
{
    protected override int CompleteOrder => 20;

    protected override int CartPath => 44;
}

public sealed class OrderRoundTripsOnPostgres(PostgresFactory f) : OrderRoundTripsSpec(f), IClassFixture<PostgresFactory>
{
    protected override int CompleteOrder => 11;

    protected override int CartPath => 32;
}
