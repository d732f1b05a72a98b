using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Inventory;

namespace Uhrwerk.Tests.Inventory;

/// <summary>Staff set up warehouses, carriers, reorder points and space, and what they set up shows in promises, planning and stock.</summary>
public abstract class InventoryBackofficeSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private const string Api = "/api/v1/backoffice/inventory";

    [Fact]
    public async Task A_new_warehouse_with_a_carrier_serves_the_promises_to_its_zone_on_its_own_calendar()
    {
        var staff = await SignInAsync("lager@uhrwerk.example");
        var code = "HAM" + Random.Shared.Next(100, 999);
        var sku = await ProductWithoutStockAsync(staff);

        var created = await JsonAsync(staff.PutAsJsonAsync($"{Api}/warehouses/{code.ToLowerInvariant()}", Warehouse("Lager Hamburg", handlingDays: 0)), HttpStatusCode.Created);
        var changed = await JsonAsync(staff.PutAsJsonAsync($"{Api}/warehouses/{code}", Warehouse("Lager Hamburg-Billbrook", handlingDays: 1)), HttpStatusCode.OK);
        var transit = await JsonAsync(staff.PutAsJsonAsync($"{Api}/warehouses/{code}/transit-times", new { carrier = "Hanse Kurier", country = "DE", postalPrefix = "2", days = 1 }), HttpStatusCode.OK);
        await NoContentAsync(staff.PostAsJsonAsync($"{Api}/adjustments", new { sku, warehouseCode = code, quantity = 40, reason = "Erstbestückung" }));

        Assert.Equal(code, created.GetProperty("code").GetString());
        Assert.Equal(1, changed.GetProperty("handlingDays").GetInt32());
        Assert.Contains(changed.GetProperty("publicHolidaysThisYear").EnumerateArray(), h => h.GetProperty("german").GetString() == "Reformationstag");
        var listed = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"{Api}/warehouses")).EnumerateArray(), w => w.GetProperty("code").GetString() == code);
        Assert.Equal(("Lager Hamburg-Billbrook", "HH", "20095"), (listed.GetProperty("name").GetString(), listed.GetProperty("state").GetString(), listed.GetProperty("postalCode").GetString()));
        Assert.Equal("2", transit.GetProperty("postalPrefix").GetString());
        Assert.Contains((await staff.GetFromJsonAsync<JsonElement>($"{Api}/transit-times")).EnumerateArray(),
            t => t.GetProperty("warehouseCode").GetString() == code && t.GetProperty("carrier").GetString() == "Hanse Kurier" && t.GetProperty("days").GetInt32() == 1);

        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var promise = Assert.Single((await JsonAsync(buyer.PostAsJsonAsync("/api/v1/delivery-promise", new { country = "DE", postalCode = "22083", lines = new[] { new { sku, quantity = 10 } } }), HttpStatusCode.OK)).EnumerateArray());
        var part = Assert.Single(promise.GetProperty("complete").GetProperty("parts").EnumerateArray());
        Assert.Equal((code, "Hanse Kurier"), (part.GetProperty("warehouseCode").GetString(), part.GetProperty("carrier").GetString()));
        var shipped = DateOnly.Parse(part.GetProperty("shipDate").GetString()!);
        var delivered = DateOnly.Parse(part.GetProperty("deliveryDate").GetString()!);
        Assert.True(delivered > shipped, $"shipped {shipped}, delivered {delivered}: one transit day");
        Assert.Contains(promise.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "HandlingDays");

        var munich = Assert.Single((await JsonAsync(buyer.PostAsJsonAsync("/api/v1/delivery-promise", new { country = "DE", postalCode = "80331", lines = new[] { new { sku, quantity = 10 } } }), HttpStatusCode.OK)).EnumerateArray());
        Assert.DoesNotContain(munich.GetProperty("complete").GetProperty("parts").EnumerateArray(), p => p.GetProperty("warehouseCode").GetString() == code);
    }

    [Fact]
    public async Task A_reorder_point_suggests_replenishment_and_ordering_the_suggestion_expects_the_goods()
    {
        var staff = await SignInAsync("lager@uhrwerk.example");
        var sku = await ProductWithoutStockAsync(staff);
        await NoContentAsync(staff.PostAsJsonAsync($"{Api}/adjustments", new { sku, warehouseCode = "DTM", quantity = 30, reason = "Inventur" }));

        await NoContentAsync(staff.PutAsJsonAsync($"{Api}/reorder-points/{sku}/DTM", new { min = 100, max = 400, multiple = 50, leadTimeDays = 5 }));
        var suggestion = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"{Api}/replenishment")).EnumerateArray(), s => s.GetProperty("sku").GetString() == sku && s.GetProperty("warehouseCode").GetString() == "DTM");
        var ordered = await JsonAsync(staff.PostAsJsonAsync($"{Api}/replenishment/{sku}/DTM/order", new { reference = "BEST-4711" }), HttpStatusCode.Created);

        Assert.Equal(("DTM", 30, 400), (suggestion.GetProperty("warehouseCode").GetString(), suggestion.GetProperty("projected").GetInt32(), suggestion.GetProperty("quantity").GetInt32()));
        Assert.Equal(400, ordered.GetProperty("quantity").GetInt32());
        var receipts = await staff.GetFromJsonAsync<JsonElement>($"{Api}/receipts?open=true&pageSize=100");
        var receipt = Assert.Single(receipts.GetProperty("items").EnumerateArray(), r => r.GetProperty("sku").GetString() == sku);
        Assert.Equal(("BEST-4711", 400, "DTM"), (receipt.GetProperty("reference").GetString(), receipt.GetProperty("quantity").GetInt32(), receipt.GetProperty("warehouseCode").GetString()));
        Assert.DoesNotContain((await staff.GetFromJsonAsync<JsonElement>($"{Api}/replenishment")).EnumerateArray(), s => s.GetProperty("sku").GetString() == sku && s.GetProperty("warehouseCode").GetString() == "DTM");
        var stock = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"{Api}/stock?sku={sku}&warehouse=DTM")).GetProperty("items").EnumerateArray());
        Assert.Equal((30, 400, 430), (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("inboundOpen").GetInt32(), stock.GetProperty("projected").GetInt32()));
    }

    [Fact]
    public async Task The_space_a_product_takes_counts_into_the_capacity_its_stock_and_inbound_goods_use()
    {
        var staff = await SignInAsync("lager@uhrwerk.example");
        var sku = await ProductWithoutStockAsync(staff);
        var before = await CapacityOfAsync(staff, "LEJ");
        await NoContentAsync(staff.PostAsJsonAsync($"{Api}/adjustments", new { sku, warehouseCode = "LEJ", quantity = 20, reason = "Inventur" }));
        await JsonAsync(staff.PostAsJsonAsync($"{Api}/receipts", new { sku, warehouseCode = "LEJ", quantity = 8, expectedOn = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(5), reference = "BEST-RAUM" }), HttpStatusCode.Created);

        await NoContentAsync(staff.PutAsJsonAsync($"{Api}/space/{sku.ToLowerInvariant()}", new { spacePerUnit = 2.5m }));
        var after = await CapacityOfAsync(staff, "LEJ");

        Assert.Equal(50m, after.GetProperty("usedNow").GetDecimal() - before.GetProperty("usedNow").GetDecimal());
        Assert.Equal(70m, after.GetProperty("usedWithInbound").GetDecimal() - before.GetProperty("usedWithInbound").GetDecimal());
    }

    [Fact]
    public async Task Picking_a_reservation_takes_the_goods_off_the_shelf_once()
    {
        var staff = await SignInAsync("lager@uhrwerk.example");
        var sku = await ProductWithoutStockAsync(staff);
        await NoContentAsync(staff.PostAsJsonAsync($"{Api}/adjustments", new { sku, warehouseCode = "MUC", quantity = 12, reason = "Inventur" }));
        var reservation = await ReservedAsync(staff, sku, 5, "80331");
        var orderNumber = reservation.GetProperty("orderNumber").GetString();

        await NoContentAsync(staff.PostAsync($"{Api}/reservations/{reservation.GetProperty("id").GetGuid()}/pick", null));
        var again = await staff.PostAsync($"{Api}/reservations/{reservation.GetProperty("id").GetGuid()}/pick", null);

        Assert.Equal(("Stock", 5), (reservation.GetProperty("source").GetString(), reservation.GetProperty("quantity").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var stock = Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"{Api}/stock?sku={sku}&warehouse=MUC")).GetProperty("items").EnumerateArray());
        Assert.Equal((7, 0), (stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32()));
        var movements = await staff.GetFromJsonAsync<JsonElement>($"{Api}/movements?sku={sku}&warehouse=MUC");
        Assert.Contains(movements.GetProperty("items").EnumerateArray(), m => m.GetProperty("quantity").GetInt32() == -5 && m.GetProperty("reference").GetString() == orderNumber);
        Assert.Equal("Picked", (await staff.GetFromJsonAsync<JsonElement>($"{Api}/reservations?orderNumber={orderNumber}"))[0].GetProperty("status").GetString());
        Assert.True((await staff.GetFromJsonAsync<JsonElement>($"{Api}/consistency")).GetProperty("consistent").GetBoolean());
    }

    [Fact]
    public async Task Overstock_is_stock_that_outlasts_the_given_days_at_the_last_90_days_picks()
    {
        var staff = await SignInAsync("lager@uhrwerk.example");
        var sku = await ProductWithoutStockAsync(staff);
        await NoContentAsync(staff.PostAsJsonAsync($"{Api}/adjustments", new { sku, warehouseCode = "DTM", quantity = 100, reason = "Inventur" }));
        var reservation = await ReservedAsync(staff, sku, 10, "44135");
        await NoContentAsync(staff.PostAsync($"{Api}/reservations/{reservation.GetProperty("id").GetGuid()}/pick", null));
        var logistics = await SignInAsync("logistik@uhrwerk.example");

        var within800 = await JsonAsync(logistics.GetAsync($"{Api}/overstock?days=800"), HttpStatusCode.OK);
        var within900 = await JsonAsync(logistics.GetAsync($"{Api}/overstock?days=900"), HttpStatusCode.OK);

        // 90 pieces left after 10 picked in 90 days last 810 days.
        var item = Assert.Single(within800.EnumerateArray(), o => o.GetProperty("sku").GetString() == sku);
        Assert.Equal(("DTM", 90, 10, 810m), (item.GetProperty("warehouseCode").GetString(), item.GetProperty("onHand").GetInt32(), item.GetProperty("shippedLast90Days").GetInt32(), item.GetProperty("daysOfCover").GetDecimal()));
        Assert.DoesNotContain(within900.EnumerateArray(), o => o.GetProperty("sku").GetString() == sku);
    }

    [Fact]
    public async Task The_peak_report_covers_the_stocked_products_for_the_period()
    {
        var staff = await SignInAsync("logistik@uhrwerk.example");
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);

        var peak = await JsonAsync(staff.GetAsync($"{Api}/peak?from={today:yyyy-MM-dd}&to={today.AddDays(30):yyyy-MM-dd}&growth=1.2"), HttpStatusCode.OK);

        var stocked = await InScopeAsync(db => db.StockLevels.Select(l => l.Sku + "@" + l.WarehouseCode).ToListAsync());
        Assert.NotEmpty(peak.GetProperty("coverage").EnumerateArray());
        Assert.All(peak.GetProperty("coverage").EnumerateArray(), c => Assert.Contains(c.GetProperty("sku").GetString() + "@" + c.GetProperty("warehouseCode").GetString(), stocked));
        Assert.All(peak.GetProperty("transfers").EnumerateArray(), t => Assert.True(t.GetProperty("quantity").GetInt32() > 0));
    }

    private static object Warehouse(string name, int handlingDays) => new
    {
        name,
        street = "Billstraße 80",
        postalCode = "20095",
        city = "Hamburg",
        state = "HH",
        cutOff = "15:00:00",
        handlingDays,
        capacity = 800m,
        companyHolidays = Array.Empty<string>(),
    };

    /// <summary>Reserves the quantity for an order of its own, as placing an order does, and reads the one reservation back.</summary>
    private async Task<JsonElement> ReservedAsync(HttpClient staff, string sku, int quantity, string postalCode)
    {
        var orderNumber = "TEST-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IInventory>().ReserveAsync(
                new OrderToReserve(Guid.NewGuid(), null, orderNumber, [new PromiseLine(sku, quantity, null)], new Destination("DE", postalCode)), PlanKind.Complete, default);
        }

        return Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"{Api}/reservations?orderNumber={orderNumber}")).EnumerateArray());
    }

    private static async Task<JsonElement> CapacityOfAsync(HttpClient staff, string warehouse) =>
        Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"{Api}/capacity")).EnumerateArray(), c => c.GetProperty("warehouseCode").GetString() == warehouse);

    /// <summary>An active product nothing is expected or reserved for, with no stock left in any warehouse.</summary>
    private async Task<string> ProductWithoutStockAsync(HttpClient staff)
    {
        var sku = await InScopeAsync(async db =>
        {
            var busy = await db.ExpectedReceipts.Select(r => r.Sku).Union(db.Reservations.Select(r => r.Sku)).ToListAsync();
            return await db.Products.Where(p => p.IsActive && !busy.Contains(p.Sku)).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync();
        });
        foreach (var level in await InScopeAsync(db => db.StockLevels.Where(l => l.Sku == sku && l.OnHand > 0).ToListAsync()))
        {
            await NoContentAsync(staff.PostAsJsonAsync($"{Api}/adjustments", new { sku, warehouseCode = level.WarehouseCode, quantity = -level.OnHand, reason = "Testaufbau" }));
        }

        return sku;
    }
}

public sealed class InventoryBackofficeOnSqlite(SqliteFactory factory) : InventoryBackofficeSpec(factory), IClassFixture<SqliteFactory>;

public sealed class InventoryBackofficeOnPostgres(PostgresFactory factory) : InventoryBackofficeSpec(factory), IClassFixture<PostgresFactory>;
