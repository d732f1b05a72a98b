using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Catalog.Domain;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Modules.Inventory.StockKeeping;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Tests.Inventory;

/// <summary>Whatever staff and orders do in whatever order, stock never goes wrong.</summary>
public sealed class StockLedgerProperties(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private abstract record Step;
    private sealed record Receive(int Quantity) : Step;
    private sealed record Reserve(int Quantity) : Step;
    private sealed record Release(int Which) : Step;
    private sealed record Pick(int Which) : Step;
    private sealed record Transfer(int Quantity) : Step;
    private sealed record Adjust(int Quantity) : Step;
    private sealed record Scrap(int Quantity) : Step;
    private sealed record ReturnToStock(int Quantity) : Step;

    private static readonly Gen<Step> AnyStep = Gen.OneOf(
        Gen.Int[1, 30].Select(q => (Step)new Receive(q)),
        Gen.Int[1, 25].Select(q => (Step)new Reserve(q)),
        Gen.Int[0, 9].Select(i => (Step)new Release(i)),
        Gen.Int[0, 9].Select(i => (Step)new Pick(i)),
        Gen.Int[1, 20].Select(q => (Step)new Transfer(q)),
        Gen.Int[-20, 20].Where(q => q != 0).Select(q => (Step)new Adjust(q)),
        Gen.Int[1, 15].Select(q => (Step)new Scrap(q)),
        Gen.Int[1, 10].Select(q => (Step)new ReturnToStock(q)));

    [Fact]
    public async Task Any_sequence_of_receipts_reservations_releases_picks_transfers_and_adjustments_keeps_on_hand_at_least_reserved_at_least_zero_and_stock_the_sum_of_its_movements()
    {
        await AnyStep.Array[1, 20].SampleAsync(async steps =>
        {
            var sku = await NewProductAsync();
            var orders = new List<Guid>();
            foreach (var step in steps)
            {
                await RunAsync(sku, step, orders);
            }

            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
            foreach (var level in await db.StockLevels.AsNoTracking().Where(l => l.Sku == sku).ToListAsync())
            {
                Assert.True(level.OnHand >= level.Reserved && level.Reserved >= 0, $"{level.WarehouseCode}: {level.OnHand} on hand, {level.Reserved} reserved after {string.Join(", ", steps.Select(s => s.ToString()))}");
            }

            var report = await scope.ServiceProvider.GetRequiredService<StockQueries>().ConsistencyAsync(default);
            Assert.True(report.Consistent, string.Join("\n", report.Mismatches) + " after " + string.Join(", ", steps.Select(s => s.ToString())));
        }, iter: 40, threads: 1);
    }

    private async Task<string> NewProductAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        var sku = $"PROP-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        db.Products.Add(Product.Create(Sku.Create(sku), new ProductTexts("Prüfling", "Probe", null, null), "Stk", 1, 1m, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return sku;
    }

    private async Task RunAsync(string sku, Step step, List<Guid> orders)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var keeper = scope.ServiceProvider.GetRequiredService<StockKeeper>();
        var inventory = scope.ServiceProvider.GetRequiredService<IInventory>();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        try
        {
            switch (step)
            {
                case Receive(var quantity):
                    var expected = await keeper.ExpectAsync(new ExpectReceiptRequest(sku, "MUC", quantity, new DateOnly(2030, 1, 7), "PO"), default);
                    await keeper.ReceiveAsync(expected.Id, quantity, default);
                    break;
                case Reserve(var quantity):
                    var order = Guid.NewGuid();
                    orders.Add(order);
                    await inventory.ReserveAsync(new OrderToReserve(order, null, "PROP", [new PromiseLine(sku, quantity, null)], new Destination("DE", "80331")), PlanKind.Partial, default);
                    break;
                case Release(var which) when orders.Count > 0:
                    await inventory.ReleaseAsync(orders[which % orders.Count], default);
                    break;
                case Pick(var which):
                    var onStock = await db.Reservations.Where(r => r.Sku == sku && r.Status == ReservationStatus.Active && r.ReceiptId == null && r.WarehouseCode != "").OrderBy(r => r.CreatedAt).Select(r => r.Id).ToListAsync();
                    if (onStock.Count > 0)
                    {
                        await keeper.PickAsync(onStock[which % onStock.Count], default);
                    }

                    break;
                case Transfer(var quantity):
                    var transfer = await keeper.TransferAsync(new TransferRequest(sku, "MUC", "DTM", quantity, new DateOnly(2030, 1, 7)), default);
                    await keeper.ReceiveAsync(transfer.Id, quantity, default);
                    break;
                case Adjust(var quantity):
                    await keeper.AdjustAsync(new AdjustRequest(sku, "MUC", quantity, "Inventur"), default);
                    break;
                case Scrap(var quantity):
                    await keeper.ScrapAsync(new ScrapRequest(sku, "MUC", quantity, "Bruch"), default);
                    break;
                case ReturnToStock(var quantity):
                    await keeper.ReturnToStockAsync(new ReturnToStockRequest(sku, "MUC", quantity, "RMA"), default);
                    break;
            }
        }
        catch (DomainException)
        {
            // Refusing what stock does not allow (not enough free stock) is a correct outcome.
        }
    }
}
