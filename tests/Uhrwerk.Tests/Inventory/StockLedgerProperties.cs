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

    /// <summary>
    /// What stock must be after the steps, kept apart from the product: on hand per warehouse, and the quantity
    /// each order still holds (on stock or as a backorder) until it is picked or released.
    /// </summary>
    private sealed class Model
    {
        public Dictionary<string, int> OnHand { get; } = new() { ["MUC"] = 0, ["DTM"] = 0 };

        public Dictionary<Guid, int> Held { get; } = [];
    }

    /// <summary>How often each kind of step succeeded and was refused over the whole run.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Succeeded, int Refused)> _outcomes = new();

    [Fact]
    public async Task Any_sequence_of_receipts_reservations_releases_picks_transfers_and_adjustments_keeps_on_hand_at_least_reserved_at_least_zero_and_stock_the_sum_of_its_movements()
    {
        await AnyStep.Array[1, 20].SampleAsync(async steps =>
        {
            var sku = await NewProductAsync();
            var model = new Model();
            var orders = new List<Guid>();
            foreach (var step in steps)
            {
                await RunAsync(sku, step, orders, model);
                await CompareAsync(sku, model, steps, step);
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

        // A run in which the steps were all refused would prove nothing: every kind of step must have done its work.
        var kinds = new[] { nameof(Receive), nameof(Reserve), nameof(Release), nameof(Pick), nameof(Transfer), nameof(Adjust), nameof(Scrap), nameof(ReturnToStock) };
        var summary = string.Join(", ", _outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value.Succeeded} done/{o.Value.Refused} refused"));
        Assert.All(kinds, kind => Assert.True(_outcomes.GetValueOrDefault(kind).Succeeded > 0, $"No {kind} step succeeded: {summary}"));
    }

    /// <summary>The database agrees with the model after every step.</summary>
    private async Task CompareAsync(string sku, Model model, Step[] steps, Step last)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        var onHand = await db.StockLevels.AsNoTracking().Where(l => l.Sku == sku).ToDictionaryAsync(l => l.WarehouseCode, l => l.OnHand);
        var held = (await db.Reservations.AsNoTracking().Where(r => r.Sku == sku && r.Status == ReservationStatus.Active).ToListAsync())
            .GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => g.Sum(r => r.Quantity));
        var context = $"after {last} in {string.Join(", ", steps.Select(s => s.ToString()))}";
        foreach (var (warehouse, expected) in model.OnHand)
        {
            Assert.True(expected == onHand.GetValueOrDefault(warehouse), $"{warehouse}: {onHand.GetValueOrDefault(warehouse)} on hand, the model expects {expected} {context}");
        }

        Assert.True(model.Held.Where(h => h.Value > 0).OrderBy(h => h.Key).SequenceEqual(held.OrderBy(h => h.Key)),
            $"Held per order: {string.Join(", ", held.Values)}, the model expects {string.Join(", ", model.Held.Values.Where(v => v > 0))} {context}");
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

    private async Task RunAsync(string sku, Step step, List<Guid> orders, Model model)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var keeper = scope.ServiceProvider.GetRequiredService<StockKeeper>();
        var inventory = scope.ServiceProvider.GetRequiredService<IInventory>();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        // Only taking more than is free in Munich may be refused; whatever else is refused is a defect.
        var reservedInMunich = await db.StockLevels.AsNoTracking().Where(l => l.Sku == sku && l.WarehouseCode == "MUC").Select(l => l.Reserved).SingleOrDefaultAsync();
        var freeInMunich = model.OnHand["MUC"] - reservedInMunich;
        var mayBeRefused = step switch
        {
            Transfer(var quantity) => quantity > freeInMunich,
            Adjust(var quantity) => -quantity > freeInMunich,
            Scrap(var quantity) => quantity > freeInMunich,
            _ => false,
        };
        try
        {
            switch (step)
            {
                case Receive(var quantity):
                    var expected = await keeper.ExpectAsync(new ExpectReceiptRequest(sku, "MUC", quantity, new DateOnly(2030, 1, 7), "PO"), default);
                    await keeper.ReceiveAsync(expected.Id, quantity, default);
                    model.OnHand["MUC"] += quantity;
                    break;
                case Reserve(var quantity):
                    var order = Guid.NewGuid();
                    orders.Add(order);
                    await inventory.ReserveAsync(new OrderToReserve(order, null, "PROP", [new PromiseLine(sku, quantity, null)], new Destination("DE", "80331")), PlanKind.Partial, default);
                    model.Held[order] = quantity;
                    break;
                case Release(var which):
                    if (orders.Count == 0)
                    {
                        return;
                    }

                    var released = orders[which % orders.Count];
                    await inventory.ReleaseAsync(released, default);
                    model.Held.Remove(released);
                    break;
                case Pick(var which):
                    var onStock = await db.Reservations.AsNoTracking().Where(r => r.Sku == sku && r.Status == ReservationStatus.Active && r.ReceiptId == null && r.WarehouseCode != "").OrderBy(r => r.CreatedAt).ToListAsync();
                    if (onStock.Count == 0)
                    {
                        return;
                    }

                    var picked = onStock[which % onStock.Count];
                    Assert.True(await keeper.PickAsync(picked.Id, default));
                    model.OnHand[picked.WarehouseCode] -= picked.Quantity;
                    model.Held[picked.OrderId] -= picked.Quantity;
                    break;
                case Transfer(var quantity):
                    var transfer = await keeper.TransferAsync(new TransferRequest(sku, "MUC", "DTM", quantity, new DateOnly(2030, 1, 7)), default);
                    model.OnHand["MUC"] -= quantity;
                    await keeper.ReceiveAsync(transfer.Id, quantity, default);
                    model.OnHand["DTM"] += quantity;
                    break;
                case Adjust(var quantity):
                    await keeper.AdjustAsync(new AdjustRequest(sku, "MUC", quantity, "Inventur"), default);
                    model.OnHand["MUC"] += quantity;
                    break;
                case Scrap(var quantity):
                    await keeper.ScrapAsync(new ScrapRequest(sku, "MUC", quantity, "Bruch"), default);
                    model.OnHand["MUC"] -= quantity;
                    break;
                case ReturnToStock(var quantity):
                    await keeper.ReturnToStockAsync(new ReturnToStockRequest(sku, "MUC", quantity, "RMA"), default);
                    model.OnHand["MUC"] += quantity;
                    break;
            }

            Assert.False(mayBeRefused, $"{step} takes more than the {freeInMunich} free in MUC, yet it was done.");
            Count(step, succeeded: true);
        }
        catch (DomainException e)
        {
            Assert.True(mayBeRefused, $"{step} was refused although {freeInMunich} are free in MUC: {e.Message}");
            Count(step, succeeded: false);
        }
    }

    private void Count(Step step, bool succeeded) =>
        _outcomes.AddOrUpdate(step.GetType().Name, succeeded ? (1, 0) : (0, 1), (_, o) => succeeded ? (o.Succeeded + 1, o.Refused) : (o.Succeeded, o.Refused + 1));
}

/// <summary>The consistency report is what operators trust after an incident: it names every row that disagrees with the movements and reservations.</summary>
public abstract class StockConsistencySpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private async Task<ConsistencyReport> ReportAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StockQueries>().ConsistencyAsync(default);
    }

    private Task CorruptAsync(string sql) => InScopeAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    [Fact]
    public async Task The_consistency_report_names_a_stock_row_whose_on_hand_or_reserved_was_changed_behind_the_ledgers_back()
    {
        var sku = $"CORR-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        await StockSpec.StockAsync(Factory, sku, "MUC", 10);
        await StockSpec.StockAsync(Factory, sku, "DTM", 10);
        Assert.True((await ReportAsync()).Consistent, string.Join("\n", (await ReportAsync()).Mismatches));

        await CorruptAsync($"UPDATE inventory_stock SET \"OnHand\" = \"OnHand\" + 7 WHERE \"Sku\" = '{sku}' AND \"WarehouseCode\" = 'MUC'");
        await CorruptAsync($"UPDATE inventory_stock SET \"Reserved\" = 3 WHERE \"Sku\" = '{sku}' AND \"WarehouseCode\" = 'DTM'");

        var report = await ReportAsync();
        Assert.False(report.Consistent);
        Assert.Contains(report.Mismatches, m => m.Contains(sku, StringComparison.Ordinal) && m.Contains("MUC", StringComparison.Ordinal) && m.Contains("17", StringComparison.Ordinal) && m.Contains("10", StringComparison.Ordinal));
        Assert.Contains(report.Mismatches, m => m.Contains(sku, StringComparison.Ordinal) && m.Contains("DTM", StringComparison.Ordinal) && m.Contains('3'));
        Assert.Equal(2, report.Mismatches.Count(m => m.Contains(sku, StringComparison.Ordinal)));

        // Put right for the other specs that share this database.
        await CorruptAsync($"UPDATE inventory_stock SET \"OnHand\" = 10, \"Reserved\" = 0 WHERE \"Sku\" = '{sku}'");
        Assert.True((await ReportAsync()).Consistent);
    }
}

public sealed class StockConsistencyOnSqlite(SqliteFactory f) : StockConsistencySpec(f), IClassFixture<SqliteFactory>;

public sealed class StockConsistencyOnPostgres(PostgresFactory f) : StockConsistencySpec(f), IClassFixture<PostgresFactory>;
