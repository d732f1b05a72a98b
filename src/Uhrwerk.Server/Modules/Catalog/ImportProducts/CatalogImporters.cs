using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Catalog.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Csv;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Catalog.ImportProducts;

/// <summary>Products from the ERP or PIM: created or updated by SKU, the whole file or nothing.</summary>
internal sealed class ProductImporter(UhrwerkDbContext db, TimeProvider clock) : ICsvImporter
{
    public string Name => "products";
    public IReadOnlyList<string> Columns { get; } = ["sku", "name_de", "name_en", "description_de", "description_en", "unit", "pack_size", "list_price", "active"];
    public Permission Permission => Permission.ManageCatalog;

    public async Task<ImportResult> ImportAsync(Stream csv, IProgress<int>? progress, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var rows = CsvImport.Read(csv, ["sku", "name_de", "name_en", "unit", "pack_size", "list_price"], r => new
        {
            r.Line,
            Sku = Guarded(r, "sku", () => Sku.Create(r.Required("sku", 40)).Value),
            Texts = new ProductTexts(r.Required("name_de"), r.Required("name_en"), r.Optional("description_de", 4000), r.Optional("description_en", 4000)),
            Unit = r.Required("unit", 10),
            PackSize = r.Int("pack_size"),
            Price = Guarded(r, "list_price", () => NetPrice.Of(r.Decimal("list_price"))),
            Active = r.Optional("active") is null || r.Bool("active"),
        }, errors, progress);
        foreach (var duplicate in rows.GroupBy(r => r.Sku).SelectMany(g => g.Skip(1)))
        {
            errors.Add(new ImportError(duplicate.Line, "sku", Platform.Localization.T.Format("Import.Duplicate", duplicate.Sku)));
        }

        if (errors.Count > 0)
        {
            return ImportResult.Failed(rows.Count, errors.OrderBy(e => e.Line).ToList());
        }

        var skus = rows.Select(r => r.Sku).ToList();
        var existing = await db.Products.Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, ct);
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Sku, out var product))
            {
                product = Product.Create(Sku.Create(row.Sku), row.Texts, row.Unit, row.PackSize, row.Price, clock.GetUtcNow());
                db.Products.Add(product);
            }
            else
            {
                product.Describe(row.Texts, row.Unit, row.PackSize);
                product.Reprice(row.Price);
            }

            if (row.Active)
            {
                product.Activate();
            }
            else
            {
                product.Deactivate();
            }
        }

        await db.SaveChangesAsync(ct);
        return new ImportResult(rows.Count, rows.Count - existing.Count, existing.Count, []);
    }

    /// <summary>Turns a value object's refusal into a row error, so one file reports all its problems at once.</summary>
    internal static T Guarded<T>(CsvRow row, string column, Func<T> create) where T : notnull
    {
        try
        {
            return create();
        }
        catch (ValidationFailedException e)
        {
            row.Error(column, e.Errors.Values.SelectMany(m => m).First());
            return default!;
        }
    }
}

/// <summary>Company price lists: customer number, SKU and the agreed net price.</summary>
internal sealed class PriceImporter(UhrwerkDbContext db, IAccounts accounts, TimeProvider clock) : ICsvImporter
{
    public string Name => "prices";
    public IReadOnlyList<string> Columns { get; } = ["customer_number", "sku", "price"];
    public Permission Permission => Permission.ManageCatalog;

    public async Task<ImportResult> ImportAsync(Stream csv, IProgress<int>? progress, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var rows = CsvImport.Read(csv, Columns, r => new
        {
            r.Line,
            CustomerNumber = r.Required("customer_number", 40),
            Sku = ProductImporter.Guarded(r, "sku", () => Sku.Create(r.Required("sku", 40)).Value),
            Price = ProductImporter.Guarded(r, "price", () => NetPrice.Of(r.Decimal("price"))),
        }, errors, progress);
        var companies = await accounts.CompanyIdsByCustomerNumberAsync(rows.Select(r => r.CustomerNumber).Distinct().ToList(), ct);
        var skus = rows.Select(r => r.Sku).Distinct().ToList();
        var products = await db.Products.Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, p => p.Id, ct);
        foreach (var row in rows)
        {
            if (!companies.ContainsKey(row.CustomerNumber))
            {
                errors.Add(new ImportError(row.Line, "customer_number", Platform.Localization.T.Format("Import.UnknownCustomer", row.CustomerNumber)));
            }

            if (!products.ContainsKey(row.Sku))
            {
                errors.Add(new ImportError(row.Line, "sku", Platform.Localization.T.Format("Import.UnknownProduct", row.Sku)));
            }
        }

        foreach (var duplicate in rows.GroupBy(r => (r.CustomerNumber, r.Sku)).SelectMany(g => g.Skip(1)))
        {
            errors.Add(new ImportError(duplicate.Line, "sku", Platform.Localization.T.Format("Import.DuplicateForCustomer", duplicate.Sku, duplicate.CustomerNumber)));
        }

        if (errors.Count > 0)
        {
            return ImportResult.Failed(rows.Count, errors.OrderBy(e => e.Line).ToList());
        }

        var companyIds = companies.Values.ToList();
        var existing = (await db.CustomerPrices.Where(c => companyIds.Contains(c.CompanyId!.Value)).ToListAsync(ct))
            .ToDictionary(c => (c.CompanyId!.Value, c.ProductId));
        var created = 0;
        foreach (var row in rows)
        {
            var key = (companies[row.CustomerNumber], products[row.Sku]);
            if (existing.TryGetValue(key, out var price))
            {
                price.Reprice(row.Price);
            }
            else
            {
                db.CustomerPrices.Add(CustomerPrice.Agree(key.Item1, key.Item2, row.Price, clock.GetUtcNow()));
                created++;
            }
        }

        await db.SaveChangesAsync(ct);
        return new ImportResult(rows.Count, created, rows.Count - created, []);
    }
}
