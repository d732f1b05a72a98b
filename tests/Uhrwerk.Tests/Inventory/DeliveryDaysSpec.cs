using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Inventory;

/// <summary>A promised delivery date is a working day of the destination's state and community, never a weekend or a public holiday there.</summary>
public abstract class DeliveryDaysSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public Task A_delivery_to_Bavaria_wished_for_Epiphany_is_promised_for_the_day_after() =>
        WishedForAHolidayAsync("85748", "2027-01-06", "2027-01-07", "Heilige Drei Könige");

    [Fact]
    public Task A_delivery_to_Bavaria_wished_for_Corpus_Christi_is_promised_for_the_day_after() =>
        WishedForAHolidayAsync("85748", "2027-05-27", "2027-05-28", "Fronleichnam");

    [Fact]
    public Task A_delivery_to_Bavaria_wished_for_All_Saints_is_promised_for_the_day_after() =>
        WishedForAHolidayAsync("85748", "2027-11-01", "2027-11-02", "Allerheiligen");

    [Fact]
    public Task A_delivery_to_Saxony_wished_for_the_Day_of_Repentance_is_promised_for_the_day_after() =>
        WishedForAHolidayAsync("04109", "2027-11-17", "2027-11-18", "Buß- und Bettag");

    [Fact]
    public async Task The_same_wish_elsewhere_is_kept_where_the_day_is_no_holiday()
    {
        var lines = await PromiseAsync("20095", [DateOnly.Parse("2027-01-06"), DateOnly.Parse("2027-11-17")]);

        Assert.Equal(["2027-01-06", "2027-11-17"], lines.Select(l => l.GetProperty("complete").GetProperty("deliveryDate").GetString()));
    }

    /// <summary>Acceptance: thirteen months of wished dates to a destination in every state, each promised for a working day there.</summary>
    [Fact]
    public async Task Thirteen_months_of_wished_dates_to_every_state_are_never_promised_for_a_closed_day_there()
    {
        var wishes = Enumerable.Range(0, 396).Select(i => new DateOnly(2027, 1, 1).AddDays(i)).ToList();
        var checkedDeliveries = 0;
        foreach (var (postalCode, place, state, corpusChristi) in HolidayLists.Destinations)
        {
            var holidays = HolidayLists.Of(state, corpusChristi);
            var lines = await PromiseAsync(postalCode, wishes);

            Assert.Equal(wishes.Count, lines.Count);
            foreach (var (wish, line) in wishes.Zip(lines))
            {
                foreach (var plan in new[] { line.GetProperty("complete"), line.GetProperty("partial") }.Where(p => p.ValueKind == JsonValueKind.Object))
                {
                    foreach (var part in plan.GetProperty("parts").EnumerateArray())
                    {
                        var delivery = DateOnly.Parse(part.GetProperty("deliveryDate").GetString()!);
                        var closed = HolidayLists.Closed(delivery, holidays);
                        Assert.True(closed is null, $"{place} ({state}), wished {wish:yyyy-MM-dd}: promised for {delivery:yyyy-MM-dd}, which is {closed} there");
                        Assert.True(delivery >= wish, $"{place}: wished {wish:yyyy-MM-dd}, promised earlier for {delivery:yyyy-MM-dd}");
                        checkedDeliveries++;
                    }
                }
            }
        }

        Assert.True(checkedDeliveries >= wishes.Count * HolidayLists.Destinations.Length, $"only {checkedDeliveries} deliveries were checked");
    }

    private async Task WishedForAHolidayAsync(string postalCode, string wished, string promised, string holiday)
    {
        var line = Assert.Single(await PromiseAsync(postalCode, [DateOnly.Parse(wished)]));

        Assert.Equal(promised, line.GetProperty("complete").GetProperty("deliveryDate").GetString());
        var closed = Assert.Single(line.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "ClosedDay");
        Assert.Equal(wished, closed.GetProperty("values").GetProperty("date").GetString());
        Assert.Equal(holiday, closed.GetProperty("values").GetProperty("why").GetString());
    }

    private async Task<List<JsonElement>> PromiseAsync(string postalCode, IReadOnlyList<DateOnly> wishes)
    {
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var product = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => new { p.Sku, p.PackSize }).FirstAsync());
        var response = await buyer.PostAsJsonAsync("/api/v1/delivery-promise", new
        {
            country = "DE",
            postalCode,
            lines = wishes.Select(w => new { sku = product.Sku, quantity = product.PackSize, requestedDate = w.ToString("yyyy-MM-dd") }),
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray()];
    }
}

public sealed class DeliveryDaysOnSqlite(SqliteFactory factory) : DeliveryDaysSpec(factory), IClassFixture<SqliteFactory>;

public sealed class DeliveryDaysOnPostgres(PostgresFactory factory) : DeliveryDaysSpec(factory), IClassFixture<PostgresFactory>;
