using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering.Cart;

public sealed record CartLineResponse(string Sku, string Name, string Unit, int Quantity, decimal UnitPrice, decimal LineTotal);

/// <summary>
/// The cart with prices and, before anything is submitted, which budget rules it would break and by
/// how much, and when each line can be delivered to the chosen address: complete, and where part of
/// it can come earlier, in parts. <see cref="PromiseToken"/> goes with the order so that it is placed
/// with exactly these dates or refused.
/// </summary>
public sealed record CartResponse(IReadOnlyList<CartLineResponse> Lines, int TotalQuantity, decimal Total, IReadOnlyList<BudgetFinding> Findings, bool NeedsApproval, IReadOnlyList<string> ShipToAddresses,
    IReadOnlyList<LinePromise> Deliveries, bool PartialOffered, string PromiseToken);

public sealed record SetCartLineRequest([property: Range(1, 1_000_000)] int Quantity);

/// <summary>A pasted list or CSV: one "SKU quantity" per line, separated by blanks, tab, comma or semicolon; an optional header row.</summary>
public sealed record QuickOrderRequest([property: Required, StringLength(100_000)] string Lines);

internal sealed class ShoppingCart(OrderDesk desk, OrderPricing pricing, OrderBudgets budgets, DeliveryCommitment commitment)
{
    /// <summary>First cells that mark a header row, as spreadsheets exported by buyers name the SKU column.</summary>
    private static readonly HashSet<string> HeaderNames = new(["sku", "artikel", "artikelnummer", "artikel-nr.", "art.-nr.", "article", "item", "material", "materialnummer"], StringComparer.OrdinalIgnoreCase);

    private bool _allLoaded;

    public async Task<CartResponse> ReadAsync(CancellationToken ct, int addressIndex = 0, DateOnly? requestedDeliveryDate = null) =>
        await DescribeAsync(await LinesAsync(ct), addressIndex, requestedDeliveryDate, ct);

    private async Task<CartResponse> DescribeAsync(IReadOnlyList<OrderLine> lines, int addressIndex, DateOnly? requestedDeliveryDate, CancellationToken ct)
    {
        var requested = desk.RequestedDate(requestedDeliveryDate);
        var buyer = await desk.ProfileAsync(desk.Me.RequiredUserId, ct);
        var findings = lines.Count == 0 ? [] : await budgets.FindingsAsync(buyer, lines, ct);
        var deliveries = lines.Count == 0 || buyer.ShipTo.Count == 0 ? []
            : await commitment.PromiseAsync(lines, requested, OrderDesk.ShipToOf(buyer, addressIndex), ct);
        return new CartResponse(lines.Select(l => new CartLineResponse(l.Sku, l.Name, l.Unit, l.Quantity, l.UnitPrice, l.LineTotal)).ToList(),
            lines.Sum(l => l.Quantity), lines.Sum(l => l.LineTotal), findings, findings.Count > 0, buyer.ShipToAddresses,
            deliveries, deliveries.Any(d => d.Partial is not null), PromiseTexts.Fingerprint(deliveries));
    }

    /// <summary>The cart's lines, priced now.</summary>
    public async Task<IReadOnlyList<OrderLine>> LinesAsync(CancellationToken ct)
    {
        var stored = await Mine().OrderBy(l => l.Sku).ToListAsync(ct);
        return stored.Count == 0 ? [] : await pricing.PriceAsync(stored.Select(l => new LineRequest(l.Sku, l.Quantity)).ToList(), ct);
    }

    /// <summary>
    /// Sets one line and answers the whole cart. The cart's lines are read once and priced together with the
    /// new one, which comes first so that its errors are those of <c>lines[0]</c>.
    /// </summary>
    public async Task<CartResponse> SetAsync(string sku, int quantity, CancellationToken ct)
    {
        var normalised = sku.Trim().ToUpperInvariant();
        var stored = await LoadMineAsync(ct);
        var priced = await pricing.PriceAsync([new LineRequest(sku, quantity), .. stored.Where(l => l.Sku != normalised).Select(l => new LineRequest(l.Sku, l.Quantity))], ct);
        await PutAsync(priced[0].Sku, quantity, add: false, ct);
        await desk.Db.SaveChangesAsync(ct);
        return await DescribeAsync(priced.OrderBy(l => l.Sku, StringComparer.Ordinal).ToList(), 0, null, ct);
    }

    /// <summary>Makes the cart hold exactly these lines, priced and saved once (the cart page's "update quantities").</summary>
    public async Task ReplaceAsync(IReadOnlyList<LineRequest> lines, CancellationToken ct)
    {
        var priced = lines.Count == 0 ? [] : await pricing.PriceAsync(lines, ct);
        var keep = priced.Select(l => l.Sku).ToList();
        await Mine().Where(l => !keep.Contains(l.Sku)).ExecuteDeleteAsync(ct);
        await LoadMineAsync(ct);
        foreach (var line in priced)
        {
            await PutAsync(line.Sku, line.Quantity, add: false, ct);
        }

        await desk.Db.SaveChangesAsync(ct);
    }

    public async Task<CartResponse> RemoveAsync(string sku, CancellationToken ct)
    {
        var normalised = sku.Trim().ToUpperInvariant();
        await Mine().Where(l => l.Sku == normalised).ExecuteDeleteAsync(ct);
        return await ReadAsync(ct);
    }

    /// <summary>Adds every line of a pasted list, or none if any line is wrong (each wrong line is named).</summary>
    public async Task<CartResponse> QuickOrderAsync(string text, CancellationToken ct)
    {
        var requested = new List<LineRequest>();
        var errors = new Dictionary<string, string[]>();
        var rows = text.Split('\n').Select((row, i) => (Number: i + 1, Parts: row.Split([' ', '\t', ';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Where(r => r.Parts.Length > 0 && !(r.Number == 1 && HeaderNames.Contains(r.Parts[0]))).ToList();
        foreach (var (number, parts) in rows)
        {
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            {
                errors[$"line {number}"] = [T.Format("Ordering.QuickOrderLine", number)];
            }
            else
            {
                requested.Add(new LineRequest(parts[0], quantity));
            }
        }

        if (requested.Count == 0 && errors.Count == 0)
        {
            errors["lines"] = [T.Get("Ordering.QuickOrderEmpty")];
        }

        IReadOnlyList<OrderLine> priced = [];
        try
        {
            priced = requested.Count > 0 ? await pricing.PriceAsync(requested, ct) : [];
        }
        catch (ValidationFailedException e)
        {
            // Name the pasted line, not the position among the valid ones.
            foreach (var (key, messages) in e.Errors)
            {
                var index = int.Parse(key[(key.IndexOf('[') + 1)..key.IndexOf(']')], CultureInfo.InvariantCulture);
                errors[$"line {rows.Where(r => r.Parts.Length == 2).ElementAt(index).Number}"] = messages;
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        foreach (var line in priced)
        {
            await PutAsync(line.Sku, line.Quantity, add: true, ct);
        }

        await desk.Db.SaveChangesAsync(ct);
        return await ReadAsync(ct);
    }

    /// <summary>Puts the lines of an earlier order into the cart again, at today's prices.</summary>
    public async Task<CartResponse?> ReorderAsync(Guid orderId, CancellationToken ct)
    {
        var order = await desk.FindVisibleAsync(orderId, withDetails: false, ct);
        if (order is null)
        {
            return null;
        }

        var priced = await pricing.PriceAsync(order.Lines.Select(l => new LineRequest(l.Sku, l.Quantity)).ToList(), ct);
        foreach (var line in priced)
        {
            await PutAsync(line.Sku, line.Quantity, add: true, ct);
        }

        await desk.Db.SaveChangesAsync(ct);
        return await ReadAsync(ct);
    }

    /// <summary>Empties the cart of the lines <see cref="LinesAsync"/> read for the order; a line put in meanwhile stays for the next one.</summary>
    public void Clear() => desk.Db.CartLines.RemoveRange(desk.Db.CartLines.Local.Where(l => l.UserId == desk.Me.RequiredUserId).ToList());

    /// <summary>Tracks all of the caller's cart lines, so that putting a line need not look for it in the database.</summary>
    private async Task<List<CartLine>> LoadMineAsync(CancellationToken ct)
    {
        var lines = await Mine().ToListAsync(ct);
        _allLoaded = true;
        return lines;
    }

    private IQueryable<CartLine> Mine() => desk.Db.CartLines.Where(l => l.UserId == desk.Me.RequiredUserId && l.CompanyId == desk.Me.RequiredCompanyId);

    private async Task PutAsync(string sku, int quantity, bool add, CancellationToken ct)
    {
        var line = desk.Db.CartLines.Local.SingleOrDefault(l => l.UserId == desk.Me.RequiredUserId && l.Sku == sku)
            ?? (_allLoaded ? null : await Mine().SingleOrDefaultAsync(l => l.Sku == sku, ct));
        if (line is null)
        {
            desk.Db.CartLines.Add(CartLine.Put(desk.Me.RequiredCompanyId, desk.Me.RequiredUserId, sku, quantity));
        }
        else
        {
            line.Set(add ? Math.Min(line.Quantity + quantity, 1_000_000) : quantity);
        }
    }
}

internal static class CartEndpoints
{
    public static void Map(RouteGroupBuilder ordering)
    {
        var cart = ordering.MapGroup("/cart").RequirePermission(Permission.PlaceOrders);
        cart.MapGet("/", Read)
            .WithSummary("My cart with prices, the budget rules it would break and when each line can be delivered to the chosen address");
        cart.MapPut("/lines/{sku}", SetLine).WithSummary("Put a product into the cart with this quantity");
        cart.MapDelete("/lines/{sku}", RemoveLine);
        cart.MapPost("/quick-order", QuickOrder)
            .WithSummary("Add a pasted list or CSV of SKU and quantity; every wrong line is named and nothing is added then");
        ordering.MapPost("/orders/{orderId:guid}/reorder", Reorder)
            .RequirePermission(Permission.PlaceOrders).WithSummary("Put the lines of an earlier order into my cart again")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<CartResponse>> Read(int? addressIndex, DateOnly? requestedDeliveryDate, ShoppingCart carts, CancellationToken ct) =>
        TypedResults.Ok(await carts.ReadAsync(ct, addressIndex ?? 0, requestedDeliveryDate));

    private static async Task<Ok<CartResponse>> SetLine(string sku, SetCartLineRequest request, ShoppingCart carts, CancellationToken ct) =>
        TypedResults.Ok(await carts.SetAsync(sku, request.Quantity, ct));

    private static async Task<Ok<CartResponse>> RemoveLine(string sku, ShoppingCart carts, CancellationToken ct) =>
        TypedResults.Ok(await carts.RemoveAsync(sku, ct));

    private static async Task<Ok<CartResponse>> QuickOrder(QuickOrderRequest request, ShoppingCart carts, CancellationToken ct) =>
        TypedResults.Ok(await carts.QuickOrderAsync(request.Lines, ct));

    private static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Reorder(Guid orderId, ShoppingCart carts, CancellationToken ct) =>
        await carts.ReorderAsync(orderId, ct) is { } result ? TypedResults.Ok(result) : Problem.NotFound("NotFound.Order");
}
