using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
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

internal sealed class OrderPlacement(OrderDesk desk, OrderPricing pricing, OrderBudgets budgets, DeliveryCommitment deliveries, ApproverRoutes routes, ShoppingCart cart, IdempotentRequests idempotent)
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

        var (order, response) = await SubmitAsync(buyer, desk.Caller, lines, header, request.DeliveryChoice, preApproved: false, idempotency, (placed, promises) =>
        {
            if (request.PromiseToken is { Length: > 0 } seen && promises is not null && seen != PromiseTexts.Fingerprint(promises))
            {
                throw new DomainException("promise_changed", T.Get("Ordering.PromiseChanged"));
            }

            if (fromCart)
            {
                cart.Clear();
            }
        }, ct);
        if (order.Status == OrderStatus.Placed)
        {
            OrderingMetrics.Placed(fromCart ? "cart" : "api");
        }

        return response;
    }

    /// <summary>
    /// Places lines at fixed prices for a buyer, e.g. a call-off of a contract. What <paramref name="beforeSave"/>
    /// changes in the unit of work commits with the order or not at all.
    /// </summary>
    public async Task<PlacedOrder> PlaceAtFixedPricesAsync(FixedPriceOrder request, Action<PlacedOrder> beforeSave, CancellationToken ct)
    {
        var buyer = await desk.ProfileAsync(request.BuyerId, ct);
        var header = new OrderHeader(OrderDesk.ShipToOf(buyer, request.AddressIndex), RequestedDeliveryDate.Plannable(request.RequestedDeliveryDate, desk.Today),
            request.PurchaseOrderReference, request.Comment);
        var lines = await pricing.AtFixedPricesAsync(buyer, request.Lines, ct);
        var (order, _) = await SubmitAsync(buyer, new Actor(buyer.UserId, buyer.DisplayName), lines, header, DeliveryChoice.Complete, request.PreApproved, null,
            (placed, _) => beforeSave(OrderingForOthers.Describe(placed)), ct);
        OrderingMetrics.Placed("contract");
        return OrderingForOthers.Describe(order);
    }

    /// <summary>
    /// Submits priced lines: within budget (or pre-approved) the order is placed and its stock reserved, otherwise
    /// it goes to the approvers. <paramref name="beforeSave"/> sees the order and, once placed, its promises.
    /// </summary>
    private async Task<(Order Order, OrderResponse Response)> SubmitAsync(BuyerProfile buyer, Actor caller, IReadOnlyList<OrderLine> lines, OrderHeader header, DeliveryChoice choice,
        bool preApproved, IdempotencyRecord? idempotency, Action<Order, IReadOnlyList<LinePromise>?> beforeSave, CancellationToken ct)
    {
        var year = desk.Today.Year;
        var number = await NextNumberAsync(year, ct);
        await using var transaction = await desk.Db.Database.BeginTransactionAsync(ct);
        var findings = preApproved ? [] : await budgets.SpendWithinAsync(buyer, lines, ct);
        var order = Order.Submit(buyer.CompanyId!.Value, buyer.CustomerNumber, OrderNumberCounter.Format(year, number), caller, lines, header, findings, choice, desk.Now);
        desk.Db.Orders.Add(order);
        var promises = order.Status == OrderStatus.Placed ? await deliveries.CommitAsync(order, ct) : null;
        beforeSave(order, promises);

        if (order.Status == OrderStatus.Placed)
        {
            desk.Publish(new OrderPlaced(OrderFacts.Snapshot(order)), order);
        }
        else
        {
            var approvers = (await routes.RoutesAsync(order.CompanyId!.Value, buyer.MainContactId, ct))(order).Select(a => a.UserId).ToList();
            desk.Publish(new OrderApprovalRequested(OrderFacts.Snapshot(order), OrderFacts.Findings(order), approvers), order);
        }

        var response = OrderQueries.Describe(order, mayDecide: false);
        idempotency?.Complete(StatusCodes.Status201Created, JsonSerializer.Serialize(response, JsonOptions), $"/api/v1/orders/{order.Id}");

        await idempotent.SaveWithAsync(idempotency, ct);
        await transaction.CommitAsync(ct);
        return (order, response);
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
