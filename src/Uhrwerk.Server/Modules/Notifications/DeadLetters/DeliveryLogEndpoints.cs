using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox.Backoffice;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Notifications.DeadLetters;

public sealed record DeliveryResponse(Guid Id, string Situation, Channel Channel, string Recipient, string Language, DeliveryStatus Status,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError, string? ProviderMessageId);

/// <summary>An event a handler has not yet handled: waiting for the database (attempts stay 0) or failing itself, given up (dead) after the last attempt.</summary>
public sealed record WaitingEventResponse(Guid Id, string Type, string Handler, DateTimeOffset OccurredAt, int Attempts, bool GivenUp, string? LastError);

/// <summary>The back office's delivery log and dead-letter list, with "retry", and the events still waiting to be handled.</summary>
internal static class DeliveryLogEndpoints
{
    public static void Map(RouteGroupBuilder notifications)
    {
        var log = notifications.MapGroup("/backoffice/notifications").RequirePermission(Permission.ManageNotifications);
        log.MapGet("/", Read).WithSummary("The delivery log: every notification with its status, attempts and last error");
        log.MapGet("/events", WaitingEvents).WithSummary("Events a handler has not yet handled, with their attempts and last error");
        log.MapPost("/{deliveryId:guid}/retry", Retry).WithSummary("Send a dead-lettered notification again").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<PagedList<DeliveryResponse>>> Read(UhrwerkDbContext db, DeliveryStatus? status, string? recipient, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(db, status, recipient, page, pageSize, ct));

    private static async Task<Ok<PagedList<WaitingEventResponse>>> WaitingEvents(UhrwerkDbContext db, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await WaitingEventsAsync(db, page, pageSize, ct));

    private static async Task<Results<Accepted, ProblemHttpResult>> Retry(Guid deliveryId, UhrwerkDbContext db, TimeProvider clock, CancellationToken ct) =>
        await RetryAsync(db, clock, deliveryId, ct) ? TypedResults.Accepted((string?)null) : Problem.NotFound("NotFound.Delivery");

    public static async Task<PagedList<DeliveryResponse>> ReadAsync(UhrwerkDbContext db, DeliveryStatus? status, string? recipient, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size, skip) = PagedList<DeliveryResponse>.Clamp(page, pageSize);
        var query = db.Deliveries.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(d => d.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(recipient))
        {
            query = query.Where(d => d.Recipient.Contains(recipient.Trim()));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(d => d.CreatedAt).Skip(skip).Take(size)
            .Select(d => new DeliveryResponse(d.Id, d.Situation, d.Channel, d.Recipient, d.Language, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.SentAt, d.LastError, d.ProviderMessageId))
            .ToListAsync(ct);
        return new PagedList<DeliveryResponse>(items, number, size, total);
    }

    /// <summary>The events page's list of what is not yet handled, in the delivery log's shape.</summary>
    public static async Task<PagedList<WaitingEventResponse>> WaitingEventsAsync(UhrwerkDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        var waiting = await EventsBackoffice.ListAsync(db, handler: null, status: null, page, pageSize, ct);
        return new PagedList<WaitingEventResponse>(waiting.Items.Select(e => new WaitingEventResponse(e.MessageId, e.Event, e.Handler, e.OccurredAt, e.Attempts, e.Status == EventHandlingState.Dead, e.LastError)).ToList(),
            waiting.Page, waiting.PageSize, waiting.Total);
    }

    /// <summary>Queues a delivery again; false if there is no such delivery.</summary>
    public static async Task<bool> RetryAsync(UhrwerkDbContext db, TimeProvider clock, Guid deliveryId, CancellationToken ct)
    {
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is null)
        {
            return false;
        }

        delivery.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }
}
