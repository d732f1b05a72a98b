using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Catalog.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Catalog.BrowseCatalog;

public sealed record ProductSummary(string Sku, string Name, string Unit, int PackSize, decimal? Price, bool IsActive, bool HasCompanyPrice);

/// <summary>One page of a catalog search; <see cref="Total"/> is a lower bound when <see cref="TotalIsExact"/> is false ("more than 1,000 products").</summary>
public sealed record ProductSearchPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, int Total, bool TotalIsExact);

public sealed record DatasheetRef(Guid Id, string FileName, string ContentType, long Size);

public sealed record ProductDetails(string Sku, string Name, string Description, string NameDe, string NameEn, string DescriptionDe, string DescriptionEn,
    string Unit, int PackSize, decimal? Price, decimal? ListPrice, bool IsActive, IReadOnlyList<DatasheetRef> Datasheets);

/// <summary>
/// What a caller may see of the catalog: active products only for customers, prices only with
/// the right to see them, and the company's own price where one was agreed.
/// </summary>
internal sealed class CatalogQueries(UhrwerkDbContext db, CurrentUser me)
{
    /// <summary>How far a search counts its hits; beyond it the page says "more than", since counting every hit of a common word costs more than the page.</summary>
    public const int CountLimit = 1000;

    public async Task<ProductSearchPage> SearchAsync(string? search, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size, skip) = PagedList<ProductSummary>.Clamp(page, pageSize);
        if (search?.Trim().Length > ProductSearch.MaxTermLength)
        {
            return new ProductSearchPage([], number, size, 0, TotalIsExact: true);
        }

        var hits = Visible(Hits(ProductSearch.Fold(search ?? "")));

        // Counted at least as far as this page reaches, so that paging on past the limit goes on telling the truth.
        var bound = (int)Math.Min(Math.Max(CountLimit, (long)skip + size), int.MaxValue - 1);
        var language = LocalizationSetup.Current;
        var seePrices = me.Has(Permission.ViewPrices);
        var companyId = me.CompanyId;
        var rows = await SortedBySku(hits).Skip(skip).Take(size)
            .Select(p => new
            {
                p.Sku, p.NameDe, p.NameEn, p.Unit, p.PackSize, p.ListPrice, p.IsActive,
                CompanyPrice = db.CustomerPrices.Where(c => c.ProductId == p.Id && c.CompanyId == companyId).Select(c => (decimal?)c.Price).FirstOrDefault(),
                // In the page's own statement, so that a page costs one round trip; the database evaluates it once, not per row.
                Counted = hits.Take(bound + 1).Count(),
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new ProductSummary(r.Sku, language == "en" ? r.NameEn : r.NameDe, r.Unit, r.PackSize,
            seePrices ? r.CompanyPrice ?? r.ListPrice : null, r.IsActive, seePrices && r.CompanyPrice is not null)).ToList();

        // Only a page past the end has no row to carry the count.
        var counted = rows.Count > 0 ? rows[0].Counted : skip == 0 ? 0 : await hits.Take(bound + 1).CountAsync(ct);
        return new ProductSearchPage(items, number, size, Math.Min(counted, bound), TotalIsExact: counted <= bound);
    }

    public async Task<ProductDetails?> FindAsync(string sku, CancellationToken ct)
    {
        var product = await BySkuAsync(sku, ct);
        if (product is null)
        {
            return null;
        }

        var companyPrice = me.CompanyId is { } companyId
            ? await db.CustomerPrices.Where(c => c.ProductId == product.Id && c.CompanyId == companyId).Select(c => (decimal?)c.Price).FirstOrDefaultAsync(ct)
            : null;
        var datasheets = me.Has(Permission.ViewDatasheets)
            ? await db.Datasheets.Where(d => d.ProductId == product.Id).OrderBy(d => d.FileName).Select(d => new DatasheetRef(d.Id, d.FileName, d.ContentType, d.Size)).ToListAsync(ct)
            : [];
        var language = LocalizationSetup.Current;
        var seePrices = me.Has(Permission.ViewPrices);
        return new ProductDetails(product.Sku, product.Name(language), product.Description(language), product.NameDe, product.NameEn, product.DescriptionDe, product.DescriptionEn,
            product.Unit, product.PackSize, seePrices ? companyPrice ?? product.ListPrice : null, seePrices ? product.ListPrice : null, product.IsActive, datasheets);
    }

    public async Task<Domain.Datasheet?> DatasheetAsync(string sku, Guid datasheetId, CancellationToken ct)
    {
        var product = await BySkuAsync(sku, ct);
        return product is null ? null : await db.Datasheets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == datasheetId && d.ProductId == product.Id, ct);
    }

    private IQueryable<Domain.Product> Visible(IQueryable<Domain.Product> products) => me.IsStaff ? products.AsNoTracking() : products.AsNoTracking().Where(p => p.IsActive);

    /// <summary>The products whose search text contains the folded term (the trigram index on PostgreSQL).</summary>
    private IQueryable<Domain.Product> Hits(string term)
    {
        if (term.Length == 0)
        {
            return db.Products;
        }

        var pattern = ProductSearch.ContainsPattern(term);
        return db.Products.Where(p => EF.Functions.Like(p.SearchText, pattern, ProductSearch.LikeEscape));
    }

    /// <summary>
    /// The hits in SKU order, found first and only then sorted: the OFFSET of a subquery (here 0, a parameter so that
    /// the statement stays one cached statement) stops PostgreSQL's planner from walking the SKU index in hope of early
    /// hits, because a word's hits cluster by SKU ("schraube" only in SHS, SKS and ZYS), and that walk read three
    /// quarters of 100,000 products before its first hit (372 ms against 45 ms).
    /// </summary>
    private static IOrderedQueryable<Domain.Product> SortedBySku(IQueryable<Domain.Product> hits)
    {
        var none = 0;
        return hits.Skip(none).OrderBy(p => p.Sku);
    }

    private async Task<Domain.Product?> BySkuAsync(string sku, CancellationToken ct)
    {
        var normalized = sku.Trim().ToUpperInvariant();
        return await Visible(db.Products).SingleOrDefaultAsync(p => p.Sku == normalized, ct);
    }
}
