using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Ordering.Cart;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.OrderLists;

/// <summary>Saves the cart (or the given lines) under a name; an existing list of that name is replaced.</summary>
public sealed record SaveOrderListRequest([property: Required, StringLength(100)] string Name, [property: MaxLength(500)] IReadOnlyList<LineRequest>? Lines = null);

public sealed record OrderListResponse(Guid Id, string Name, DateTimeOffset SavedAt, IReadOnlyList<ListedLine> Lines);

/// <summary>A buyer's own named lists to order from again; only their owner sees them.</summary>
internal sealed class SavedOrderLists(OrderDesk desk, OrderPricing pricing, ShoppingCart cart)
{
    public async Task<IReadOnlyList<OrderListResponse>> ListAsync(CancellationToken ct) =>
        (await Mine().AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct)).Select(Describe).ToList();

    public async Task<OrderListResponse?> FindAsync(Guid listId, CancellationToken ct) =>
        await Mine().AsNoTracking().SingleOrDefaultAsync(l => l.Id == listId, ct) is { } list ? Describe(list) : null;

    public async Task<OrderListResponse> SaveAsync(SaveOrderListRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        // Only products that exist can be listed: pricing validates them, per line.
        var priced = request.Lines is { Count: > 0 } lines ? await pricing.PriceAsync(lines, ct) : await cart.LinesAsync(ct);
        var listed = priced.Select(l => new ListedLine(l.Sku, l.Quantity)).ToList();
        // Checked before the lookup too: PostgreSQL refuses a U+0000 even as a query parameter.
        var name = PlainText.Name("name", request.Name?.Trim() ?? "")!;
        var list = await Mine().SingleOrDefaultAsync(l => l.Name == name, ct);
        if (list is null)
        {
            list = OrderList.Save(desk.Me.RequiredCompanyId, desk.Me.RequiredUserId, name, listed, desk.Now);
            desk.Db.OrderLists.Add(list);
        }
        else
        {
            list.Replace(name, listed, desk.Now);
        }

        await desk.Db.SaveChangesAsync(ct);
        return Describe(list);
    }

    public async Task<bool> DeleteAsync(Guid listId, CancellationToken ct) =>
        await Mine().Where(l => l.Id == listId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Adds the list's products to the cart at today's prices; discontinued ones are named and nothing is added then.</summary>
    public async Task<CartResponse?> ToCartAsync(Guid listId, CancellationToken ct)
    {
        var list = await Mine().AsNoTracking().SingleOrDefaultAsync(l => l.Id == listId, ct);
        return list is null ? null : await cart.QuickOrderAsync(string.Join('\n', list.Lines.Select(l => $"{l.Sku} {l.Quantity}")), ct);
    }

    private IQueryable<OrderList> Mine() => desk.Db.OrderLists.Where(l => l.OwnerId == desk.Me.RequiredUserId && l.CompanyId == desk.Me.RequiredCompanyId);

    private static OrderListResponse Describe(OrderList list) => new(list.Id, list.Name, list.SavedAt, list.Lines);
}

internal static class OrderListEndpoints
{
    public static void Map(RouteGroupBuilder ordering)
    {
        var lists = ordering.MapGroup("/order-lists").RequirePermission(Permission.PlaceOrders);
        lists.MapGet("/", List).WithSummary("My saved order lists");
        lists.MapPost("/", Save).WithSummary("Save my cart (or the given lines) as a named order list; the same name replaces that list");
        lists.MapGet("/{listId:guid}", Find).ProducesProblem(StatusCodes.Status404NotFound);
        lists.MapDelete("/{listId:guid}", Delete).ProducesProblem(StatusCodes.Status404NotFound);
        lists.MapPost("/{listId:guid}/to-cart", ToCart)
            .WithSummary("Put the products of an order list into my cart")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<OrderListResponse>>> List(SavedOrderLists saved, CancellationToken ct) =>
        TypedResults.Ok(await saved.ListAsync(ct));

    private static async Task<Created<OrderListResponse>> Save(SaveOrderListRequest request, SavedOrderLists saved, CancellationToken ct)
    {
        var list = await saved.SaveAsync(request, ct);
        return TypedResults.Created($"/api/v1/order-lists/{list.Id}", list);
    }

    private static async Task<Results<Ok<OrderListResponse>, ProblemHttpResult>> Find(Guid listId, SavedOrderLists saved, CancellationToken ct) =>
        await saved.FindAsync(listId, ct) is { } list ? TypedResults.Ok(list) : Problem.NotFound("NotFound.OrderList");

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid listId, SavedOrderLists saved, CancellationToken ct) =>
        await saved.DeleteAsync(listId, ct) ? TypedResults.NoContent() : Problem.NotFound("NotFound.OrderList");

    private static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> ToCart(Guid listId, SavedOrderLists saved, CancellationToken ct) =>
        await saved.ToCartAsync(listId, ct) is { } cart ? TypedResults.Ok(cart) : Problem.NotFound("NotFound.OrderList");
}
