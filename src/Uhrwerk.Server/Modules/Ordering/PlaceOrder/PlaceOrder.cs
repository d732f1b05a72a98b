using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Ordering.Cart;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Modules.Ordering.ViewOrders;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Idempotency;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.PlaceOrder;

/// <summary>
/// Places the cart as an order. The address is one of the company's, by its position in the cart's
/// list. Scripted clients such as an ERP may send <paramref name="Lines"/> instead; the cart is left alone then.
/// Prices and totals always come from the company's price list, whatever a client sends.
/// <paramref name="DeliveryChoice"/> says whether lines that are partly available later come in
/// part deliveries or complete; with <paramref name="PromiseToken"/> from the cart, an order
/// placed at once is refused (409) when its delivery dates are no longer those the buyer saw.
/// </summary>
public sealed record PlaceOrderRequest(
    [property: Range(0, 100)] int AddressIndex,
    DateOnly? RequestedDeliveryDate,
    [property: StringLength(100)] string? PurchaseOrderReference,
    [property: StringLength(2000)] string? Comment,
    [property: MaxLength(500)] IReadOnlyList<LineRequest>? Lines = null,
    DeliveryChoice DeliveryChoice = DeliveryChoice.Complete,
    [property: StringLength(100)] string? PromiseToken = null);

internal sealed class OrderPlacement(OrderDesk desk, OrderPricing pricing, OrderBudgets budgets, DeliveryCommitment deliveries, ShoppingCart cart, IdempotentRequests idempotent)
{
    public async Task<OrderResponse> PlaceAsync(PlaceOrderRequest request, IdempotencyRecord? idempotency, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var buyer = await desk.ProfileAsync(desk.Me.RequiredUserId, ct);
        var header = desk.Header(buyer, request.AddressIndex, request.RequestedDeliveryDate, request.PurchaseOrderReference, request.Comment);
        var fromCart = request.Lines is not { Count: > 0 };
        var lines = fromCart ? await cart.LinesAsync(ct) : await pricing.PriceAsync(request.Lines!, ct);
        if (lines.Count == 0)
        {
            throw new DomainException("empty_cart", T.Get("Ordering.EmptyCart"));
        }

        var year = desk.Today.Year;
        var number = await NextNumberAsync(year, ct);
        await using var transaction = await desk.Db.Database.BeginTransactionAsync(ct);
        var findings = await budgets.SpendWithinAsync(buyer, lines, ct);
        var order = Order.Submit(desk.Me.RequiredCompanyId, buyer.CustomerNumber, OrderNumberCounter.Format(year, number), desk.Caller, lines, header, findings, request.DeliveryChoice, desk.Now);
        desk.Db.Orders.Add(order);
        if (order.Status == OrderStatus.Placed)
        {
            var promises = await deliveries.CommitAsync(order, ct);
            if (request.PromiseToken is { Length: > 0 } seen && seen != PromiseTexts.Fingerprint(promises))
            {
                throw new DomainException("promise_changed", T.Get("Ordering.PromiseChanged"));
            }
        }

        if (fromCart)
        {
            cart.Clear();
        }

        if (order.Status == OrderStatus.Placed)
        {
            desk.Publish(new OrderPlaced(OrderFacts.Snapshot(order)), order);
        }
        else
        {
            var approvers = (await desk.ApproversAsync(order, ct)).Select(a => a.UserId).ToList();
            desk.Publish(new OrderApprovalRequested(OrderFacts.Snapshot(order), OrderFacts.Findings(order), approvers), order);
        }

        var response = OrderQueries.Describe(order, mayDecide: false);
        idempotency?.Complete(StatusCodes.Status201Created, JsonSerializer.Serialize(response, JsonOptions), $"/api/v1/orders/{order.Id}");

        await idempotent.SaveWithAsync(idempotency, ct);
        await transaction.CommitAsync(ct);
        if (order.Status == OrderStatus.Placed)
        {
            OrderingMetrics.Placed(fromCart ? "cart" : "api");
        }

        return response;
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerOptions.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>
    /// Draws the next order number in one statement outside the order's transaction, creating the year's
    /// counter on its first order: the counter row is locked for that statement only, so placements do
    /// not queue behind each other. A placement that fails afterwards leaves a gap.
    /// </summary>
    private async Task<long> NextNumberAsync(int year, CancellationToken ct) =>
        (await desk.Db.Database.SqlQuery<long>($"""
            INSERT INTO ordering_number_counters ("Year", "Last") VALUES ({year}, 1)
            ON CONFLICT ("Year") DO UPDATE SET "Last" = ordering_number_counters."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct)).Single();
}

internal static class PlaceOrderEndpoint
{
    public static void Map(RouteGroupBuilder ordering)
    {
        ordering.MapPost("/orders", Place).RequirePermission(Permission.PlaceOrders).WithIdempotency(IdempotencyClaim.ByHandler)
            .WithSummary("Place my cart as an order: placed at once within budget, else sent to the approvers. Send an Idempotency-Key to make retries safe.");
    }

    private static async Task<Created<OrderResponse>> Place(PlaceOrderRequest request, OrderPlacement placement, IdempotentRequests idempotent, CancellationToken ct)
    {
        var order = await placement.PlaceAsync(request, idempotent.Claimable, ct);
        return TypedResults.Created($"/api/v1/orders/{order.Id}", order);
    }
}
