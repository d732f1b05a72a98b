namespace Uhrwerk.Tests.Inventory;

/// <summary>Two server instances on one PostgreSQL database share the stock and still never sell it twice.</summary>
public sealed class TwoInstancesSpec
{
    private sealed class Instance(string? database) : PostgresFactory(database);

    [Fact]
    public async Task Two_instances_taking_two_hundred_concurrent_single_piece_reservations_reserve_exactly_the_stock_fifty_times_over()
    {
        PostgresFactory.SkipUnlessAvailable();
        await using var first = new Instance(null);
        _ = first.Services;
        await using var second = new Instance(first.Database);
        _ = second.Services;
        const int stock = 25;

        for (var round = 0; round < 50; round++)
        {
            var sku = $"TWIN-{round:00}-{Guid.NewGuid():N}"[..30].ToUpperInvariant();
            await StockSpec.StockAsync(first, sku, StockSpec.Warehouse, stock);

            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => StockSpec.ReserveOneAsync(i % 2 == 0 ? first : second, sku))));

            var (level, onStock, backorders, consistency) = await StockSpec.PictureAsync(second, sku, StockSpec.Warehouse);
            Assert.Equal((stock, stock, 0), (onStock, level.Reserved, level.Available));
            Assert.Equal(200 - stock, backorders);
            Assert.True(consistency.Consistent, string.Join("\n", consistency.Mismatches));
        }
    }
}
