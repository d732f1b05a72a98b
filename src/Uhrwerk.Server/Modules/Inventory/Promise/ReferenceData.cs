using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Inventory.Promise;

/// <summary>
/// Warehouses and transit times, which every promise needs and staff change rarely, kept in memory
/// for a short while: loading them was half the time of a promise. A change made through this
/// instance shows at once; one made through another instance within <see cref="Lifetime"/>.
/// </summary>
internal sealed class ReferenceData(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(IReadOnlyDictionary<string, WarehouseProfile> Warehouses, IReadOnlyList<TransitTime> Transit, DateTimeOffset LoadedAt);

    private volatile Snapshot? _snapshot;

    public async Task<(IReadOnlyDictionary<string, WarehouseProfile> Warehouses, IReadOnlyList<TransitTime> Transit)> GetAsync(UhrwerkDbContext db, CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot is null || clock.GetUtcNow() - snapshot.LoadedAt > Lifetime)
        {
            var warehouses = (await db.Warehouses.AsNoTracking().ToListAsync(ct)).ToDictionary(w => w.Code, w => w.Profile());
            var transit = await db.TransitTimes.AsNoTracking().ToListAsync(ct);
            snapshot = _snapshot = new Snapshot(warehouses, transit, clock.GetUtcNow());
        }

        return (snapshot.Warehouses, snapshot.Transit);
    }

    public void Forget() => _snapshot = null;
}
