using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Ordering.Erp;

/// <summary>
/// One order event in the ERP's pull feed, at its position. Positions are handed out one after
/// the other and never reused, so the position of the last entry an ERP has read is its cursor.
/// </summary>
public sealed class ErpFeedEntry : ICompanyOwned, IAppendOnly
{
    private ErpFeedEntry() { }

    public long Position { get; private set; }
    public Guid EventId { get; private set; }
    public string EventType { get; private set; } = "";
    public int EventVersion { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid OrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The order as the event saw it, as JSON (<see cref="OrderSnapshot"/>).</summary>
    public string Snapshot { get; private set; } = "";

    /// <summary>The approver's comment, the change's comment or the reason for cancelling.</summary>
    public string? Note { get; private set; }

    internal static ErpFeedEntry At(long position, EventContext context, OrderSnapshot order, string? note) => new()
    {
        Position = position,
        EventId = context.MessageId,
        EventType = context.EventName,
        EventVersion = context.Version,
        CompanyId = order.CompanyId,
        OrderId = order.OrderId,
        OrderNumber = order.Number,
        OccurredAt = context.OccurredAt,
        Snapshot = JsonSerializer.Serialize(order, OutboxMessage.Json),
        Note = note,
    };

    internal OrderSnapshot Order() => JsonSerializer.Deserialize<OrderSnapshot>(Snapshot, OutboxMessage.Json)
        ?? throw new InvalidOperationException($"ERP feed entry {Position} has no order.");
}

/// <summary>
/// Appends the order events an ERP books from to the pull feed, as the event handler "erp-feed".
/// <para>
/// Why the feed cannot skip an entry: a cursor is a position, and a reader that has seen position n
/// must never later find a smaller one appear. Positions are therefore not taken from a sequence
/// (a transaction that drew 7 could commit after one that drew 8), but as the largest position + 1
/// while holding a transaction-level lock: on PostgreSQL <c>pg_advisory_xact_lock</c>, held until the
/// handler's transaction commits, so the next position is drawn only after the previous one is
/// visible; SQLite lets one writer at a time anyway. A rolled-back transaction leaves no gap either,
/// since its position is drawn again by the next one. The outbox hands each event to this handler
/// once, in the same transaction as the entry, so an event is in the feed exactly once.
/// </para>
/// </summary>
internal sealed class ErpOrderFeed(UhrwerkDbContext db) :
    IEventHandler<OrderPlaced>, IEventHandler<OrderApproved>, IEventHandler<OrderChanged>, IEventHandler<OrderCancelled>, IEventHandler<OrderRestCancelled>
{
    public const string Handler = "erp-feed";

    // Any constant that no other advisory lock uses; it names the feed's position counter.
    private const long PositionLock = 0x4552_5046_4545_44;

    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public Task HandleAsync(OrderPlaced @event, EventContext context, CancellationToken ct) => AppendAsync(@event.Order, null, context, ct);

    public Task HandleAsync(OrderApproved @event, EventContext context, CancellationToken ct) => AppendAsync(@event.Order, @event.Comment, context, ct);

    public Task HandleAsync(OrderChanged @event, EventContext context, CancellationToken ct) => AppendAsync(@event.Order, @event.Comment, context, ct);

    public Task HandleAsync(OrderCancelled @event, EventContext context, CancellationToken ct) => AppendAsync(@event.Order, @event.Reason, context, ct);

    public Task HandleAsync(OrderRestCancelled @event, EventContext context, CancellationToken ct) => AppendAsync(@event.Order, @event.Reason, context, ct);

    private async Task AppendAsync(OrderSnapshot order, string? note, EventContext context, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PositionLock})", ct);
        }

        var last = await db.ErpFeed.IgnoreQueryFilters().MaxAsync(e => (long?)e.Position, ct) ?? 0;
        db.ErpFeed.Add(ErpFeedEntry.At(last + 1, context, order, note));
    }

    /// <summary>The entries after <paramref name="since"/>, oldest first; the same cursor always gives the same entries.</summary>
    public async Task<ErpOrderFeedPage> ReadAsync(long? since, int? limit, CancellationToken ct)
    {
        var after = Math.Max(since ?? 0, 0);
        var size = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        var entries = await db.ErpFeed.AsNoTracking().Where(e => e.Position > after).OrderBy(e => e.Position).Take(size + 1).ToListAsync(ct);
        var page = entries.Take(size).ToList();
        var items = page.Select(e => new ErpOrderFeedItem(e.Position, e.EventId, e.EventType, e.EventVersion, e.OccurredAt, e.Note, e.Order())).ToList();
        return new ErpOrderFeedPage(items, page.Count > 0 ? page[^1].Position : after, entries.Count > size);
    }
}

/// <param name="Position">The entry's place in the feed; pass the last one read as <c>since</c>.</param>
/// <param name="Type">OrderPlaced, OrderApproved, OrderChanged, OrderCancelled or OrderRestCancelled; <paramref name="Version"/> is its payload version.</param>
/// <param name="Note">The approver's comment, the change's comment or the reason for cancelling.</param>
public sealed record ErpOrderFeedItem(long Position, Guid EventId, string Type, int Version, DateTimeOffset OccurredAt, string? Note, OrderSnapshot Order);

/// <param name="NextCursor">The <c>since</c> of the next call: the last item's position, or the given cursor when there was none.</param>
/// <param name="HasMore">More items wait after this page.</param>
public sealed record ErpOrderFeedPage(IReadOnlyList<ErpOrderFeedItem> Items, long NextCursor, bool HasMore);

internal static class ErpOrderFeedEndpoints
{
    public static void Map(RouteGroupBuilder erp) =>
        erp.MapGet("", ReadFeed)
            .WithSummary("Order events for the ERP (placed, approved, changed, cancelled) after the cursor, each with the whole order; pass nextCursor as since to read on (API key with scope erp.orders)");

    private static async Task<Ok<ErpOrderFeedPage>> ReadFeed(long? since, int? limit, ErpOrderFeed feed, CancellationToken ct) =>
        TypedResults.Ok(await feed.ReadAsync(since, limit, ct));
}
