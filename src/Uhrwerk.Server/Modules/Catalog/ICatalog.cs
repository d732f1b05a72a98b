using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Catalog.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Catalog;

/// <summary>A product as other modules see it, with the net price that applies to one company.</summary>
public sealed record CatalogItem(Guid ProductId, string Sku, string NameDe, string NameEn, string Unit, int PackSize, decimal NetPrice, bool IsActive);

/// <summary>What other modules may ask the catalog. Everything else in Catalog is internal to it.</summary>
public interface ICatalog
{
    /// <summary>The products with these SKUs (case and surrounding blanks ignored; unknown or malformed ones left out), priced for the company: its own price where agreed, else the list price.</summary>
    Task<IReadOnlyList<CatalogItem>> FindAsync(IReadOnlyCollection<string> skus, Guid companyId, CancellationToken ct);

    /// <summary>The SKUs of active products in SKU order, at most <paramref name="take"/> of them.</summary>
    Task<IReadOnlyList<string>> ActiveSkusAsync(int take, CancellationToken ct);
}

internal sealed class CatalogLookup(UhrwerkDbContext db) : ICatalog
{
    public async Task<IReadOnlyList<CatalogItem>> FindAsync(IReadOnlyCollection<string> skus, Guid companyId, CancellationToken ct)
    {
        var wanted = skus.Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList();
        return await db.Products.AsNoTracking().Where(p => wanted.Contains(p.Sku))
            .Select(p => new CatalogItem(p.Id, p.Sku, p.NameDe, p.NameEn, p.Unit, p.PackSize,
                db.CustomerPrices.Where(c => c.CompanyId == companyId && c.ProductId == p.Id).Select(c => (decimal?)c.Price).FirstOrDefault() ?? p.ListPrice, p.IsActive))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<string>> ActiveSkusAsync(int take, CancellationToken ct) =>
        await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).Take(take).ToListAsync(ct);
}
