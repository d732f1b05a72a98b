using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Warehouses;

public sealed record WarehouseRequest([property: Required, StringLength(200)] string Name, [property: Required, StringLength(200)] string Street, [property: Required, StringLength(10)] string PostalCode,
    [property: Required, StringLength(100)] string City, GermanState State, [property: StringLength(60)] string? TimeZoneId, TimeOnly CutOff, [property: Range(0, 30)] int HandlingDays,
    [property: Range(0.01, 100_000_000)] decimal Capacity, IReadOnlyList<DateOnly>? CompanyHolidays);

public sealed record WarehouseResponse(string Code, string Name, string Street, string PostalCode, string City, string State, string TimeZoneId, TimeOnly CutOff, int HandlingDays, decimal Capacity,
    IReadOnlyList<DateOnly> CompanyHolidays, IReadOnlyList<PublicHoliday> PublicHolidaysThisYear);

public sealed record TransitTimeRequest([property: Required, StringLength(60)] string Carrier, [property: Required, StringLength(2)] string Country, [property: StringLength(10)] string? PostalPrefix, [property: Range(0, 60)] int Days);

public sealed record TransitTimeResponse(string Carrier, string WarehouseCode, string Country, string PostalPrefix, int Days);

public sealed record ReorderPointRequest([property: Range(0, 10_000_000)] int Min, [property: Range(0, 10_000_000)] int Max, [property: Range(1, 1_000_000)] int Multiple, [property: Range(0, 365)] int LeadTimeDays);

public sealed record ProductSpaceRequest([property: Range(0, 1000)] decimal SpacePerUnit);

/// <summary>Staff set up warehouses (calendar, cut-off, handling, capacity), carrier transit times, reorder points and the space products take.</summary>
internal sealed class WarehouseSetup(UhrwerkDbContext db, Promise.ReferenceData reference, TimeProvider clock)
{
    public async Task<IReadOnlyList<WarehouseResponse>> ListAsync(CancellationToken ct) =>
        (await db.Warehouses.AsNoTracking().OrderBy(w => w.Code).ToListAsync(ct)).Select(Describe).ToList();

    public async Task<(WarehouseResponse Warehouse, bool Created)> SaveAsync(string code, WarehouseRequest r, CancellationToken ct)
    {
        var normalised = code.Trim().ToUpperInvariant();
        var warehouse = await db.Warehouses.SingleOrDefaultAsync(w => w.Code == normalised, ct);
        var created = warehouse is null;
        if (warehouse is null)
        {
            warehouse = Warehouse.Open(normalised, r.Name, r.Street, r.PostalCode, r.City, r.State, r.TimeZoneId ?? "Europe/Berlin", r.CutOff, r.HandlingDays, r.Capacity);
            db.Warehouses.Add(warehouse);
        }
        else
        {
            warehouse.Change(r.Name, r.Street, r.PostalCode, r.City, r.State, r.TimeZoneId ?? warehouse.TimeZoneId, r.CutOff, r.HandlingDays, r.Capacity);
        }

        warehouse.CloseOn(r.CompanyHolidays ?? []);
        await db.SaveChangesAsync(ct);
        reference.Forget();
        return (Describe(warehouse), created);
    }

    public async Task<IReadOnlyList<TransitTimeResponse>> TransitTimesAsync(CancellationToken ct) =>
        await db.TransitTimes.AsNoTracking().OrderBy(t => t.WarehouseCode).ThenBy(t => t.Country).ThenBy(t => t.PostalPrefix).ThenBy(t => t.Carrier)
            .Select(t => new TransitTimeResponse(t.Carrier, t.WarehouseCode, t.Country, t.PostalPrefix, t.Days)).ToListAsync(ct);

    /// <summary>Sets the days for a carrier, warehouse and zone; the same zone again replaces them.</summary>
    public async Task<TransitTimeResponse?> SetTransitTimeAsync(string warehouseCode, TransitTimeRequest r, CancellationToken ct)
    {
        var code = warehouseCode.Trim().ToUpperInvariant();
        if (!await db.Warehouses.AnyAsync(w => w.Code == code, ct))
        {
            return null;
        }

        var transit = TransitTime.Of(r.Carrier, code, r.Country, r.PostalPrefix?.Trim() ?? "", r.Days);
        await db.TransitTimes.Where(t => t.WarehouseCode == code && t.Carrier == transit.Carrier && t.Country == transit.Country && t.PostalPrefix == transit.PostalPrefix).ExecuteDeleteAsync(ct);
        db.TransitTimes.Add(transit);
        await db.SaveChangesAsync(ct);
        reference.Forget();
        return new TransitTimeResponse(transit.Carrier, code, transit.Country, transit.PostalPrefix, transit.Days);
    }

    public async Task<bool> SetReorderPointAsync(string sku, string warehouseCode, ReorderPointRequest r, CancellationToken ct)
    {
        var (s, w) = (sku.Trim().ToUpperInvariant(), warehouseCode.Trim().ToUpperInvariant());
        if (!await db.Warehouses.AnyAsync(x => x.Code == w, ct))
        {
            return false;
        }

        var point = await db.ReorderPoints.SingleOrDefaultAsync(p => p.Sku == s && p.WarehouseCode == w, ct);
        if (point is null)
        {
            point = ReorderPoint.For(s, w);
            db.ReorderPoints.Add(point);
        }

        point.Set(r.Min, r.Max, r.Multiple, r.LeadTimeDays);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task SetSpaceAsync(string sku, decimal perUnit, CancellationToken ct)
    {
        var s = sku.Trim().ToUpperInvariant();
        var space = ProductSpace.Of(s, perUnit);
        await db.ProductSpaces.Where(p => p.Sku == s).ExecuteDeleteAsync(ct);
        db.ProductSpaces.Add(space);
        await db.SaveChangesAsync(ct);
    }

    private WarehouseResponse Describe(Warehouse w) =>
        new(w.Code, w.Name, w.Street, w.PostalCode, w.City, w.State.ToString(), w.TimeZoneId, w.CutOff, w.HandlingDays, w.Capacity, w.CompanyHolidays,
            GermanPublicHolidays.For(BerlinTime.ToLocal(clock.GetUtcNow()).Year, w.State, w.CommunityHolidays()));
}
