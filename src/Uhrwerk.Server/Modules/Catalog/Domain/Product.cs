using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Catalog.Domain;

/// <summary>Something a customer can order, described in German and English, sold in packs at a net list price.</summary>
public sealed class Product
{
    public const int MaxDatasheetBytes = 10 * 1024 * 1024;

    private Product() { }

    public Guid Id { get; private set; }
    public string Sku { get; private set; } = "";
    public string NameDe { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string DescriptionDe { get; private set; } = "";
    public string DescriptionEn { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public int PackSize { get; private set; }
    public decimal ListPrice { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>SKU and both names as <see cref="ProductSearch"/> compares them; kept in step by every change of the names.</summary>
    public string SearchText { get; private set; } = "";

    public static Product Create(Domain.Sku sku, ProductTexts texts, string unit, int packSize, decimal listPrice, DateTimeOffset now)
    {
        var product = new Product { Id = Guid.CreateVersion7(now), Sku = sku.Value, IsActive = true };
        product.Describe(texts, unit, packSize);
        product.Reprice(listPrice);
        return product;
    }

    public void Describe(ProductTexts texts, string unit, int packSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (texts.NameDe.Trim().Length is 0 or > 200)
        {
            errors["nameDe"] = [T.Get("Catalog.NameDeRequired")];
        }

        if (texts.NameEn.Trim().Length is 0 or > 200)
        {
            errors["nameEn"] = [T.Get("Catalog.NameEnRequired")];
        }

        if (unit.Trim().Length is 0 or > 10)
        {
            errors["unit"] = [T.Get("Catalog.UnitRequired")];
        }

        if (packSize < 1)
        {
            errors["packSize"] = [T.Get("Catalog.PackSizeRange")];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        NameDe = texts.NameDe.Trim();
        NameEn = texts.NameEn.Trim();
        DescriptionDe = texts.DescriptionDe?.Trim() ?? "";
        DescriptionEn = texts.DescriptionEn?.Trim() ?? "";
        Unit = unit.Trim();
        PackSize = packSize;
        SearchText = ProductSearch.TextOf(Sku, NameDe, NameEn);
    }

    public void Reprice(decimal listPrice) => ListPrice = NetPrice.Of(listPrice, "listPrice");

    public void Activate() => IsActive = true;

    public void Deactivate() => IsActive = false;

    public Datasheet AttachDatasheet(string fileName, string contentType, byte[] content, DateTimeOffset now)
    {
        if (content.Length is 0 or > MaxDatasheetBytes)
        {
            throw ValidationFailedException.For("file", T.Get("Catalog.DatasheetSize"));
        }

        return Datasheet.For(Id, fileName, contentType, content, now);
    }

    public string Name(string language) => language == "en" ? NameEn : NameDe;

    public string Description(string language) => language == "en" ? DescriptionEn : DescriptionDe;
}

public sealed record ProductTexts(string NameDe, string NameEn, string? DescriptionDe, string? DescriptionEn);

/// <summary>A file about a product (usually a PDF); its bytes live in the database so every instance serves it.</summary>
public sealed class Datasheet
{
    private Datasheet() { }

    public Guid Id { get; private set; }
    public Guid ProductId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset UploadedAt { get; private set; }

    internal static Datasheet For(Guid productId, string fileName, string contentType, byte[] content, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ProductId = productId,
        FileName = Path.GetFileName(fileName),
        ContentType = contentType,
        Size = content.Length,
        Content = content,
        UploadedAt = now,
    };
}
