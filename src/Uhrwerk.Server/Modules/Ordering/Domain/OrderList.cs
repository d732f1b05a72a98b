using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering.Domain;

/// <summary>A SKU and quantity kept on an order list; priced only when it goes into the cart.</summary>
public sealed record ListedLine(string Sku, int Quantity);

/// <summary>A buyer's saved, named list of products to order again and again (e.g. "Wartung Linie 3").</summary>
public sealed class OrderList : ICompanyOwned
{
    private List<ListedLine> _lines = [];

    private OrderList() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid OwnerId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }
    public IReadOnlyList<ListedLine> Lines => _lines;

    public static OrderList Save(Guid companyId, Guid ownerId, string? name, IReadOnlyList<ListedLine> lines, DateTimeOffset now)
    {
        var list = new OrderList { Id = Guid.CreateVersion7(now), CompanyId = companyId, OwnerId = ownerId };
        list.Replace(name, lines, now);
        return list;
    }

    /// <summary>Saving under an existing name replaces that list's name and lines.</summary>
    public void Replace(string? name, IReadOnlyList<ListedLine> lines, DateTimeOffset now)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 100)
        {
            throw ValidationFailedException.For("name", T.Get("Ordering.ListName"));
        }

        if (lines.Count is 0 or > 500)
        {
            throw ValidationFailedException.For("lines", T.Get("Ordering.ListSize"));
        }

        Name = PlainText.Name("name", trimmed)!;
        _lines = lines.ToList();
        SavedAt = now;
    }
}
