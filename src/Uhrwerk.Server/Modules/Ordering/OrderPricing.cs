using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Catalog;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>A line as a buyer or approver asks for it: a SKU and a quantity.</summary>
public sealed record LineRequest(string Sku, int Quantity);

/// <summary>Prices requested lines from the caller's company price list, whatever a client sends as prices.</summary>
internal sealed class OrderPricing(CurrentUser me, ICatalog catalog)
{
    /// <summary>Priced order lines for the caller's company; unknown or discontinued SKUs and quantities out of range or not in whole packs are validation errors per line.</summary>
    public async Task<IReadOnlyList<OrderLine>> PriceAsync(IReadOnlyList<LineRequest> requested, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var normalised = requested.Select((l, i) => (Index: i, Sku: l.Sku?.Trim().ToUpperInvariant(), l.Quantity)).ToList();
        var items = (await catalog.FindAsync(normalised.Where(l => l.Sku is not null).Select(l => l.Sku!).ToList(), me.RequiredCompanyId, ct)).ToDictionary(i => i.Sku);
        var lines = new List<OrderLine>();
        foreach (var (index, sku, quantity) in normalised)
        {
            if (sku is null || !items.TryGetValue(sku, out var item) || !item.IsActive)
            {
                errors[$"lines[{index}].sku"] = [T.Format("Ordering.UnknownSku", requested[index].Sku ?? "")];
            }
            else if (OrderLine.QuantityProblem(item.Sku, quantity, item.PackSize, item.Unit) is { } problem)
            {
                errors[$"lines[{index}].quantity"] = [problem];
            }
            else
            {
                lines.Add(OrderLine.Of(item.ProductId, item.Sku, me.Language == "en" ? item.NameEn : item.NameDe, item.Unit, item.PackSize, quantity, item.NetPrice));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return lines;
    }

    /// <summary>Lines at prices agreed elsewhere (a contract), named from the catalog; an unknown SKU or a quantity out of range is a validation error per line.</summary>
    public async Task<IReadOnlyList<OrderLine>> AtFixedPricesAsync(BuyerProfile buyer, IReadOnlyList<FixedPriceLine> requested, CancellationToken ct)
    {
        var items = (await catalog.FindAsync(requested.Select(l => l.Sku).ToList(), buyer.CompanyId!.Value, ct)).ToDictionary(i => i.Sku);
        return requested.Select((l, i) => items.TryGetValue(l.Sku, out var item)
                ? OrderLine.Of(item.ProductId, item.Sku, me.Language == "en" ? item.NameEn : item.NameDe, item.Unit, packSize: 1, l.Quantity, l.UnitPrice)
                : throw ValidationFailedException.For($"lines[{i}].sku", T.Format("Ordering.UnknownSku", l.Sku)))
            .ToList();
    }
}
