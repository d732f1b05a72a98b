using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Modules.Inventory.StockKeeping;

namespace Uhrwerk.Tests.Inventory;

/// <summary>Stock is never sold twice, every order line gets the delivery date the cart showed, and stock stays the sum of its movements.</summary>
public abstract class StockSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    internal const string Warehouse = "MUC";

    /// <summary>Stores stock of a made-up product the way receiving does: a movement and the level it adds to.</summary>
    internal static async Task StockAsync(UhrwerkFactory factory, string sku, string warehouse, int quantity)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<StockLedger>();
        await ledger.EnsureLevelAsync(sku, warehouse, default);
        await ledger.AtomicallyAsync(async () =>
        {
            await ledger.AddAsync(MovementKind.Receipt, sku, warehouse, quantity, null, "test", "Test", default);
            return true;
        }, default);
    }

    /// <summary>One single-piece order of its own, reserved in its own request scope like a separate buyer's placement.</summary>
    internal static async Task ReserveOneAsync(UhrwerkFactory factory, string sku)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var inventory = scope.ServiceProvider.GetRequiredService<IInventory>();
        await inventory.ReserveAsync(new OrderToReserve(Guid.NewGuid(), Guid.NewGuid(), "RACE", [new PromiseLine(sku, 1, null)], new Destination("DE", "70173")), PlanKind.Complete, default);
    }

    internal static async Task<(StockLevel Level, int OnStock, int Backorders, ConsistencyReport Consistency)> PictureAsync(UhrwerkFactory factory, string sku, string warehouse)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Server.Platform.Data.UhrwerkDbContext>();
        var level = await db.StockLevels.AsNoTracking().SingleAsync(l => l.Sku == sku && l.WarehouseCode == warehouse);
        var reservations = await db.Reservations.AsNoTracking().Where(r => r.Sku == sku && r.Status == ReservationStatus.Active).ToListAsync();
        var consistency = await scope.ServiceProvider.GetRequiredService<StockQueries>().ConsistencyAsync(default);
        return (level, reservations.Where(r => r.IsOnStock).Sum(r => r.Quantity), reservations.Where(r => r.IsBackorder).Sum(r => r.Quantity), consistency);
    }

    /// <summary>An active product sold by the piece, without inbound goods or reservations, whose stock the test sets to exactly this much in <see cref="Warehouse"/>.</summary>
    protected async Task<string> ProductWithStockAsync(HttpClient staff, string family, int quantity)
    {
        var sku = await InScopeAsync(async db =>
        {
            var busy = await db.ExpectedReceipts.Select(r => r.Sku).Union(db.Reservations.Select(r => r.Sku)).ToListAsync();
            return await db.Products.Where(p => p.IsActive && p.Sku.StartsWith(family + "-") && !busy.Contains(p.Sku)).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync();
        });
        await SoldByThePieceAsync(sku);
        var levels = await InScopeAsync(db => db.StockLevels.Where(l => l.Sku == sku && l.OnHand > 0).ToListAsync());
        foreach (var level in levels)
        {
            await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku, warehouseCode = level.WarehouseCode, quantity = -level.OnHand, reason = "Testaufbau" }));
        }

        await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku, warehouseCode = Warehouse, quantity, reason = "Testaufbau" }));
        return sku;
    }

    [Fact]
    public async Task Two_hundred_concurrent_single_piece_reservations_in_process_reserve_exactly_the_stock_fifty_times_over()
    {
        const int stock = 25;
        for (var round = 0; round < 50; round++)
        {
            var sku = $"RACE-{round:00}-{Guid.NewGuid():N}"[..30].ToUpperInvariant();
            await StockAsync(Factory, sku, Warehouse, stock);

            await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => ReserveOneAsync(Factory, sku))));

            var (level, onStock, backorders, consistency) = await PictureAsync(Factory, sku, Warehouse);
            Assert.Equal(stock, onStock);
            Assert.Equal(stock, level.Reserved);
            Assert.Equal(0, level.Available);
            Assert.Equal(200 - stock, backorders);
            Assert.True(consistency.Consistent, string.Join("\n", consistency.Mismatches));
        }
    }

    [Fact]
    public async Task A_line_above_stock_is_delivered_in_parts_as_the_cart_promised_and_receiving_turns_the_promised_inbound_into_stock()
    {
        var staff = await SignInAsync("lager@uhrwerk.example");
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var sku = await ProductWithStockAsync(staff, "RKL", 30);
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        var receipt = await JsonAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/receipts", new { sku, warehouseCode = Warehouse, quantity = 500, expectedOn = today.AddDays(10), reference = "BE-TEST-1" }), HttpStatusCode.Created);
        await buyer.PutAsJsonAsync($"/api/v1/cart/lines/{sku}", new { quantity = 50 });

        var cart = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/cart");
        var promise = Assert.Single(cart.GetProperty("deliveries").EnumerateArray());
        var partial = promise.GetProperty("partial").GetProperty("parts").EnumerateArray().Select(p => (p.GetProperty("quantity").GetInt32(), p.GetProperty("deliveryDate").GetString())).ToList();
        var complete = promise.GetProperty("complete").GetProperty("deliveryDate").GetString();
        var order = await JsonAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, deliveryChoice = "Partial", promiseToken = cart.GetProperty("promiseToken").GetString() }), HttpStatusCode.Created);

        Assert.True(cart.GetProperty("partialOffered").GetBoolean());
        Assert.Equal([30, 20], partial.Select(p => p.Item1));
        Assert.True(string.CompareOrdinal(partial[0].Item2, partial[1].Item2) < 0);
        Assert.Equal(partial[1].Item2, complete);
        Assert.Equal("Placed", order.GetProperty("status").GetString());
        var line = Assert.Single(order.GetProperty("lines").EnumerateArray());
        Assert.Equal(partial, line.GetProperty("deliveries").EnumerateArray().Select(d => (d.GetProperty("quantity").GetInt32(), d.GetProperty("deliveryDate").GetString())).ToList());
        Assert.Equal(complete, line.GetProperty("promisedDate").GetString());
        var reserved = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/inventory/reservations?orderNumber={order.GetProperty("number").GetString()}");
        Assert.Equal(["Inbound:20", "Stock:30"], reserved.EnumerateArray().Select(r => $"{r.GetProperty("source").GetString()}:{r.GetProperty("quantity").GetInt32()}").Order());

        await JsonAsync(staff.PostAsJsonAsync($"/api/v1/backoffice/inventory/receipts/{receipt.GetProperty("id").GetGuid()}/receive", new { quantity = 100 }), HttpStatusCode.OK);

        var (level, onStock, _, consistency) = await PictureAsync(Factory, sku, Warehouse);
        Assert.Equal((130, 50, 50), (level.OnHand, level.Reserved, onStock));
        Assert.True(consistency.Consistent, string.Join("\n", consistency.Mismatches));
    }

    [Fact]
    public async Task An_order_is_refused_when_its_delivery_dates_changed_after_the_cart_showed_them()
    {
        var staff = await SignInAsync("lager@uhrwerk.example");
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var sku = await ProductWithStockAsync(staff, "ORG", 10);
        await buyer.PutAsJsonAsync($"/api/v1/cart/lines/{sku}", new { quantity = 8 });
        var seen = (await buyer.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("promiseToken").GetString();

        await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/scrap", new { sku, warehouseCode = Warehouse, quantity = 5, reason = "Beschädigt" }));
        var refused = await buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, promiseToken = seen });
        var fresh = (await buyer.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("promiseToken").GetString();
        var placed = await JsonAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, promiseToken = fresh }), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.NotEqual(seen, fresh);
        Assert.Equal("Placed", placed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancelling_a_placed_order_frees_what_was_reserved_for_it_and_its_budget_and_a_cancelled_order_cannot_be_cancelled_again()
    {
        var staff = await SignInAsync("lager@uhrwerk.example");
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var sku = await ProductWithStockAsync(staff, "SCH", 12);
        var buyerId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        Task<long> SpentAsync() => InScopeAsync(db => db.BudgetLedgers.Where(l => l.UserId == buyerId).SumAsync(l => l.SpentCents));
        var spentBefore = await SpentAsync();
        var order = await JsonAsync(buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 10 } } }), HttpStatusCode.Created);
        var reservedBefore = (await PictureAsync(Factory, sku, Warehouse)).Level.Reserved;
        var spentPlaced = await SpentAsync();
        var colleague = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var id = order.GetProperty("id").GetGuid();

        var notTheirs = await colleague.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { comment = "Doppelt bestellt" });
        var cancelled = await JsonAsync(buyer.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { comment = "Doppelt bestellt" }), HttpStatusCode.OK);
        var again = await buyer.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { comment = "Nochmal" });

        var (level, _, _, consistency) = await PictureAsync(Factory, sku, Warehouse);
        Assert.Equal(10, reservedBefore);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal((12, 0), (level.OnHand, level.Reserved));
        Assert.True(spentPlaced > spentBefore);
        Assert.Equal(spentBefore, await SpentAsync());
        var number = order.GetProperty("number").GetString()!;
        Assert.Equal(1, await InScopeAsync(db => db.Outbox.CountAsync(m => m.Type == "OrderCancelled" && m.Payload.Contains(number))));
        Assert.True(consistency.Consistent, string.Join("\n", consistency.Mismatches));
    }

    [Fact]
    public async Task Staff_bookings_keep_stock_the_sum_of_its_movements_and_never_take_reserved_goods()
    {
        var staff = await SignInAsync("lager@uhrwerk.example");
        var sku = await ProductWithStockAsync(staff, "WDR", 40);
        await ReserveOneAsync(Factory, sku);

        await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku, warehouseCode = Warehouse, quantity = 5, reason = "Inventur" }));
        var transfer = await JsonAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/transfers", new { sku, fromWarehouse = Warehouse, toWarehouse = "DTM", quantity = 14, expectedOn = "2030-01-10" }), HttpStatusCode.Created);
        await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/scrap", new { sku, warehouseCode = Warehouse, quantity = 10, reason = "Rost" }));
        await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/returns", new { sku, warehouseCode = Warehouse, quantity = 2, reference = "RMA-1" }));
        var tooMuch = await staff.PostAsJsonAsync("/api/v1/backoffice/inventory/scrap", new { sku, warehouseCode = Warehouse, quantity = 23, reason = "zu viel" });
        var noReason = await staff.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku, warehouseCode = Warehouse, quantity = -1, reason = " " });
        await JsonAsync(staff.PostAsJsonAsync($"/api/v1/backoffice/inventory/receipts/{transfer.GetProperty("id").GetGuid()}/receive", new { quantity = 14 }), HttpStatusCode.OK);
        var logistics = await SignInAsync("logistik@uhrwerk.example");
        var readOnly = await logistics.PostAsJsonAsync("/api/v1/backoffice/inventory/scrap", new { sku, warehouseCode = Warehouse, quantity = 1, reason = "x" });

        var (level, onStock, _, consistency) = await PictureAsync(Factory, sku, Warehouse);
        Assert.Equal((23, 1, 1), (level.OnHand, level.Reserved, onStock));
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.True(consistency.Consistent, string.Join("\n", consistency.Mismatches));
        var ledger = await logistics.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/inventory/movements?sku={sku}&warehouse={Warehouse}");
        Assert.Contains(ledger.GetProperty("items").EnumerateArray(), m => m.GetProperty("kind").GetString() == "Scrap" && m.GetProperty("reason").GetString() == "Rost" && m.GetProperty("quantity").GetInt32() == -10);
        var dtm = await logistics.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/inventory/stock?sku={sku}&warehouse=DTM");
        Assert.Equal(14, Assert.Single(dtm.GetProperty("items").EnumerateArray()).GetProperty("onHand").GetInt32());
        var fits = await JsonAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/receipts", new { sku, warehouseCode = "LEJ", quantity = 10, expectedOn = "2030-02-01", reference = "BE-KLEIN" }), HttpStatusCode.Created);
        var overfills = await JsonAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/receipts", new { sku, warehouseCode = "LEJ", quantity = 2_000_000, expectedOn = "2030-02-01", reference = "BE-RIESIG" }), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, fits.GetProperty("overfillsBy").ValueKind);
        Assert.True(overfills.GetProperty("overfillsBy").GetDecimal() > 0);
    }
}

public sealed class StockOnSqlite(SqliteFactory factory) : StockSpec(factory), IClassFixture<SqliteFactory>;

public sealed class StockOnPostgres(PostgresFactory factory) : StockSpec(factory), IClassFixture<PostgresFactory>
{
    [Fact]
    public async Task Sixty_concurrent_orders_of_twelve_buyers_through_the_api_reserve_exactly_the_stock_and_the_rest_waits_as_backorders()
    {
        const int packsInStock = 25;
        const int buyers = 12;
        const int ordersEach = 5;
        var staff = await SignInAsync("lager@uhrwerk.example");
        var sku = await ProductWithStockAsync(staff, "SHS", 1);
        var packSize = await InScopeAsync(db => db.Products.Where(p => p.Sku == sku).Select(p => p.PackSize).SingleAsync());
        await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku, warehouseCode = Warehouse, quantity = packsInStock * packSize - 1, reason = "Testaufbau" }));
        var clients = new List<HttpClient>();
        for (var i = 0; i < buyers; i++)
        {
            clients.Add((await ColleagueAsync(Server.Modules.Accounts.DemoData.DemoLogins.Companies[i % 3], $"Racer{i} Buyer", [PredefinedRole.Buyer], new { })).Client);
        }

        var stockBefore = packsInStock * packSize;
        var answers = await Task.WhenAll(clients.SelectMany(client => Enumerable.Range(0, ordersEach).Select(_ => Task.Run(async () =>
        {
            var response = await client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, deliveryChoice = "Complete", lines = new[] { new { sku, quantity = packSize } } });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }))));

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Created, $"{a.StatusCode}: {a.Body}"));
        Assert.All(answers, a => Assert.Equal("Placed", JsonDocument.Parse(a.Body).RootElement.GetProperty("status").GetString()));
        var (level, onStock, backorders, consistency) = await PictureAsync(Factory, sku, Warehouse);
        Assert.Equal(stockBefore, level.OnHand);
        Assert.Equal((stockBefore, stockBefore, 0), (onStock, level.Reserved, level.Available));
        Assert.Equal(buyers * ordersEach * packSize - stockBefore, backorders);
        Assert.True(consistency.Consistent, string.Join("\n", consistency.Mismatches));
    }
}
