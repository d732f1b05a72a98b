using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.ViewOrders;

/// <param name="PromisedDate">When the whole line is promised to be there; set when the order is placed and kept as promised.</param>
/// <param name="ConfirmedDate">The date the supplier's ERP confirmed for the whole line, beside the promise.</param>
/// <param name="ShippedQuantity">How many of the line have shipped so far.</param>
/// <param name="CancelledQuantity">How many of the line the buyer cancelled once fulfilment had started (what was not picked then).</param>
public sealed record OrderLineResponse(string Sku, string Name, string Unit, int Quantity, decimal UnitPrice, decimal LineTotal, DateOnly? PromisedDate, IReadOnlyList<LineDelivery> Deliveries,
    DateOnly? ConfirmedDate = null, int ShippedQuantity = 0, int CancelledQuantity = 0);

public sealed record OrderEventResponse(int Sequence, DateTimeOffset At, string ActorName, OrderAction Action, OrderStatus FromStatus, OrderStatus ToStatus, string? Comment, string? Before, string? After);

public sealed record OrderMessageResponse(DateTimeOffset At, string AuthorName, string Text);

/// <param name="ErpOrderNumber">The ERP's own number for the order, once the ERP has acknowledged it.</param>
public sealed record OrderResponse(Guid Id, string Number, OrderStatus Status, Guid BuyerId, string BuyerName, string ShipTo, DateOnly? RequestedDeliveryDate, DeliveryChoice DeliveryChoice,
    string? PurchaseOrderReference, string? Comment, decimal Total, int TotalQuantity, int ApprovalRound, IReadOnlyList<BudgetFinding> Findings,
    IReadOnlyList<OrderLineResponse> Lines, IReadOnlyList<OrderEventResponse> History, IReadOnlyList<OrderMessageResponse> Messages,
    DateTimeOffset CreatedAt, DateTimeOffset? PlacedAt, bool MayDecide, string? ErpOrderNumber = null, string? InvoiceNumber = null);

public sealed record OrderSummary(Guid Id, string Number, OrderStatus Status, string BuyerName, string? PurchaseOrderReference, decimal Total, DateTimeOffset CreatedAt, string? CompanyName = null);

public sealed record ApprovalInbox(int Count, IReadOnlyList<OrderSummary> Orders);

public enum BudgetPeriodKind { Month, Quarter, Year }

/// <summary>
/// What one user spent in one budget period, against the period budget the main contact set.
/// Kind, end, limit, remaining and share are null when the user's budget has no period of that start
/// (no period budget, or its period was changed since).
/// </summary>
/// <param name="Share">Spent divided by the limit: 0.25 is a quarter used, above 1 is over budget (after approvals).</param>
public sealed record BudgetConsumption(Guid UserId, string UserName, BudgetPeriodKind? PeriodKind, DateOnly PeriodStart, DateOnly? PeriodEnd,
    decimal? Limit, decimal Spent, decimal? Remaining, decimal? Share);

internal sealed class OrderQueries(OrderDesk desk, OrderBudgets budgets, ApproverRoutes routes, IAccounts accounts, ListCursors cursors)
{
    public static OrderResponse Describe(Order order, bool mayDecide) => new(order.Id, order.Number, order.Status, order.BuyerId, order.BuyerName, order.ShipTo,
        order.RequestedDeliveryDate, order.DeliveryChoice, order.PurchaseOrderReference, order.Comment, order.Total, order.TotalQuantity, order.ApprovalRound, order.Findings,
        order.Lines.Select(l => new OrderLineResponse(l.Sku, l.Name, l.Unit, l.Quantity, l.UnitPrice, l.LineTotal, l.PromisedDate, l.Deliveries, l.ConfirmedDate, l.ShippedQuantity, l.CancelledQuantity)).ToList(),
        order.History.OrderBy(h => h.Sequence).Select(h => new OrderEventResponse(h.Sequence, h.At, h.ActorName, h.Action, h.FromStatus, h.ToStatus, h.Comment, h.Before, h.After)).ToList(),
        order.Messages.OrderBy(m => m.At).Select(m => new OrderMessageResponse(m.At, m.AuthorName, m.Text)).ToList(),
        order.CreatedAt, order.PlacedAt, mayDecide, order.ErpOrderNumber, order.InvoiceNumber);

    public async Task<OrderResponse?> FindAsync(Guid orderId, CancellationToken ct)
    {
        var order = await desk.FindVisibleAsync(orderId, withDetails: true, ct);
        return order is null ? null : Describe(order, order.Status == OrderStatus.PendingApproval && await routes.MayDecideAsync(order, ct));
    }

    /// <summary>My orders, or all of the company's with the right to see them; newest first, a page after the cursor <paramref name="after"/>.</summary>
    public async Task<CursorPage<OrderSummary>> ListAsync(OrderStatus? status, DateOnly? from, DateOnly? to, string? reference, bool company, string? after, int? pageSize, CancellationToken ct,
        bool fromStartOnForeignCursor = false)
    {
        var size = CursorPage<OrderSummary>.Clamp(pageSize);
        var companyId = desk.Me.RequiredCompanyId;
        var query = desk.Db.Orders.AsNoTracking().Where(o => o.CompanyId == companyId);
        var wholeCompany = company && (desk.Me.Has(Permission.ViewCompanyOrders) || desk.Me.Has(Permission.ApproveOrders));
        if (!wholeCompany)
        {
            query = query.Where(o => o.BuyerId == desk.Me.UserId);
        }

        if (status is not null)
        {
            query = query.Where(o => o.Status == status);
        }

        if (from is { } start)
        {
            var since = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(o => o.CreatedAt >= since);
        }

        // The last day of the calendar has no next day to end before; such a filter ends nowhere.
        if (to is { } end && end < DateOnly.MaxValue)
        {
            var until = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(o => o.CreatedAt < until);
        }

        if (!string.IsNullOrWhiteSpace(reference))
        {
            query = query.Where(o => o.PurchaseOrderReference != null && o.PurchaseOrderReference.Contains(reference.Trim()));
        }

        // A buyer's cursor names a place in their own orders only, a company's in its orders only.
        var list = wholeCompany ? $"orders:company:{companyId}" : $"orders:buyer:{companyId}:{desk.Me.UserId}";
        if (cursors.Read(list, after, fromStartOnForeignCursor) is { } position)
        {
            query = query.Where(o => o.CreatedAt <= position.At && (o.CreatedAt < position.At || o.Id.CompareTo(position.Id) < 0));
        }

        var rows = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(size + 1)
            .Select(o => new OrderSummary(o.Id, o.Number, o.Status, o.BuyerName, o.PurchaseOrderReference, o.Total, o.CreatedAt, null)).ToListAsync(ct);
        return cursors.Page(list, rows, size, o => new ListPosition(o.CreatedAt, o.Id), o => o);
    }

    /// <summary>The orders waiting for the caller's decision, counted.</summary>
    public async Task<ApprovalInbox> InboxAsync(CancellationToken ct)
    {
        var pending = await desk.Db.Orders.AsNoTracking().Where(o => o.CompanyId == desk.Me.RequiredCompanyId && o.Status == OrderStatus.PendingApproval)
            .OrderBy(o => o.CreatedAt).ToListAsync(ct);
        var routed = await routes.RoutesAsync(ct);
        var mine = pending.Where(order => routes.MayDecide(order, routed))
            .Select(order => new OrderSummary(order.Id, order.Number, order.Status, order.BuyerName, order.PurchaseOrderReference, order.Total, order.CreatedAt)).ToList();
        return new ApprovalInbox(mine.Count, mine);
    }

    /// <summary>Every period a user of the company spent in, and the current period of every user with a period budget even before they spend; newest first.</summary>
    public async Task<IReadOnlyList<BudgetConsumption>> ConsumptionAsync(CancellationToken ct)
    {
        var companyId = desk.Me.RequiredCompanyId;
        var ledgers = await desk.Db.BudgetLedgers.AsNoTracking().Where(l => l.CompanyId == companyId).ToListAsync(ct);
        var holders = (await accounts.BudgetsAsync(companyId, ct)).ToDictionary(h => h.UserId);
        var spent = ledgers.Select(l => (l.UserId, l.PeriodStart, Spent: l.SpentCents / 100m)).ToList();
        var unspent = holders.Values.Where(h => budgets.PeriodStartOf(h.Budget) is { } start && !spent.Any(s => s.UserId == h.UserId && s.PeriodStart == start))
            .Select(h => (h.UserId, PeriodStart: budgets.PeriodStartOf(h.Budget)!.Value, Spent: 0m));
        return spent.Concat(unspent).Select(s => Consumption(s.UserId, holders.GetValueOrDefault(s.UserId), s.PeriodStart, s.Spent))
            .OrderByDescending(c => c.PeriodStart).ThenBy(c => c.UserName, StringComparer.CurrentCulture).ToList();
    }

    private static BudgetConsumption Consumption(Guid userId, BudgetHolder? holder, DateOnly start, decimal spent)
    {
        var name = holder?.DisplayName ?? "–";
        if (holder?.Budget is not { PeriodMonths: { } months, PeriodAmount: { } limit } || BudgetCheck.PeriodStart(months, start) != start)
        {
            return new BudgetConsumption(userId, name, null, start, null, null, spent, null, null);
        }

        var kind = months switch { 1 => BudgetPeriodKind.Month, 3 => BudgetPeriodKind.Quarter, _ => BudgetPeriodKind.Year };
        return new BudgetConsumption(userId, name, kind, start, start.AddMonths(months).AddDays(-1), limit, spent, limit - spent, decimal.Round(spent / limit, 4));
    }

    /// <summary>For staff: every placed order across companies, last placed first, a page after the cursor <paramref name="after"/>.</summary>
    public async Task<CursorPage<OrderSummary>> PlacedAcrossCompaniesAsync(string? after, int? pageSize, CancellationToken ct, bool fromStartOnForeignCursor = false)
    {
        const string list = "orders:placed";
        var size = CursorPage<OrderSummary>.Clamp(pageSize);
        var query = desk.Db.Orders.AsNoTracking().Where(o => o.PlacedAt != null);
        if (cursors.Read(list, after, fromStartOnForeignCursor) is { } position)
        {
            query = query.Where(o => o.PlacedAt <= position.At && (o.PlacedAt < position.At || o.Id.CompareTo(position.Id) < 0));
        }

        var rows = await query.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(size + 1)
            .Select(o => new { PlacedAt = o.PlacedAt!.Value, CompanyId = o.CompanyId!.Value, Summary = new OrderSummary(o.Id, o.Number, o.Status, o.BuyerName, o.PurchaseOrderReference, o.Total, o.CreatedAt, null) })
            .ToListAsync(ct);
        var companies = await accounts.CompanyNamesAsync(rows.Take(size).Select(o => o.CompanyId).Distinct().ToList(), ct);
        return cursors.Page(list, rows, size, o => new ListPosition(o.PlacedAt, o.Summary.Id), o => o.Summary with { CompanyName = companies.GetValueOrDefault(o.CompanyId) });
    }
}

internal static class OrderQueryEndpoints
{
    public static void Map(RouteGroupBuilder ordering)
    {
        var orders = ordering.MapGroup("/orders");
        orders.MapGet("/", List)
            .RequirePermission(Permission.PlaceOrders, Permission.ViewCompanyOrders, Permission.ApproveOrders)
            .WithSummary("My orders (company=true: all of my company's, with the right to see them), filtered by status, date and PO reference, newest first; pass next as after for the next page");
        orders.MapGet("/{orderId:guid}", Find)
            .RequirePermission(Permission.PlaceOrders, Permission.ViewCompanyOrders, Permission.ApproveOrders)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One order with lines, budget findings, status history and conversation");
        ordering.MapGet("/approvals", Inbox)
            .RequirePermission(Permission.ApproveOrders).WithSummary("The orders waiting for my decision");
        ordering.MapGet("/company/budget-consumption", Consumption)
            .RequirePermission(Permission.ViewReports).WithSummary("What each user's approved and placed orders add up to per budget period, against their period budget");
        ordering.MapGet("/backoffice/orders", PlacedAcrossCompanies)
            .RequirePermission(Permission.ManageCompanies).WithSummary("All placed orders across companies, last placed first; pass next as after for the next page");
    }

    private static async Task<Ok<CursorPage<OrderSummary>>> List(OrderQueries queries, OrderStatus? status, DateOnly? from, DateOnly? to, string? reference, bool? company, string? after, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(status, from, to, reference, company ?? false, after, pageSize, ct));

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Find(Guid orderId, OrderQueries queries, CancellationToken ct) =>
        await queries.FindAsync(orderId, ct) is { } order ? TypedResults.Ok(order) : Problem.NotFound("NotFound.Order");

    private static async Task<Ok<ApprovalInbox>> Inbox(OrderQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.InboxAsync(ct));

    private static async Task<Ok<IReadOnlyList<BudgetConsumption>>> Consumption(OrderQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ConsumptionAsync(ct));

    private static async Task<Ok<CursorPage<OrderSummary>>> PlacedAcrossCompanies(OrderQueries queries, string? after, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await queries.PlacedAcrossCompaniesAsync(after, pageSize, ct));
}
