using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Platform.Outbox.Backoffice;

/// <summary>
/// How one handler stands with one event, as the back office sees it: <see cref="Failed"/> is pending
/// after a failed attempt or a database error, so somebody may want to look before it dies.
/// </summary>
public enum EventHandlingState { Pending, Failed, Dead, Handled }

public sealed record EventHandlingResponse(Guid MessageId, string Event, int Version, string Handler, EventHandlingState Status,
    int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset OccurredAt, DateTimeOffset? HandledAt);

/// <summary>Counts of one handler's events; <see cref="Failed"/> are among the <see cref="Pending"/> ones.</summary>
public sealed record HandlerSummary(string Handler, int Pending, int Failed, int Dead, int Handled);

/// <summary>The back office's view of the event machinery: each handler's events by state, and another round for a dead or failing one.</summary>
internal static class EventsBackoffice
{
    public static void MapEventsBackoffice(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/backoffice/events").WithTags("Back office").RequirePermission(Permission.ManageEvents);
        events.MapGet("/", List)
            .WithSummary("Events per handler: pending, failed (pending after a failure) or dead; without a status, all not yet handled");
        events.MapGet("/handlers", Handlers)
            .WithSummary("Every handler with the number of its events per state");
        events.MapPost("/{messageId:guid}/handlers/{handler}/retry", Retry)
            .WithSummary("Give a handler another round of attempts at an event it has not handled (after fixing the cause)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<PagedList<EventHandlingResponse>>> List(UhrwerkDbContext db, string? handler, EventHandlingState? status, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db, handler, status, page, pageSize, ct));

    private static async Task<Ok<IReadOnlyList<HandlerSummary>>> Handlers(UhrwerkDbContext db, IEnumerable<EventSubscription> subscriptions, CancellationToken ct) =>
        TypedResults.Ok(await HandlersAsync(db, subscriptions, ct));

    private static async Task<Results<Accepted, ProblemHttpResult>> Retry(Guid messageId, string handler, UhrwerkDbContext db, TimeProvider clock, CancellationToken ct) =>
        await RetryAsync(db, clock, messageId, handler, ct) ? TypedResults.Accepted((string?)null) : Problem.NotFound("NotFound.EventHandling");

    public static async Task<PagedList<EventHandlingResponse>> ListAsync(UhrwerkDbContext db, string? handler, EventHandlingState? status, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size, skip) = PagedList<EventHandlingResponse>.Clamp(page, pageSize);
        var handlings = db.EventHandlings.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(handler))
        {
            handlings = handlings.Where(h => h.Handler == handler.Trim());
        }

        handlings = status switch
        {
            EventHandlingState.Pending => handlings.Where(h => h.Status == EventHandlingStatus.Pending),
            EventHandlingState.Failed => handlings.Where(h => h.Status == EventHandlingStatus.Pending && (h.Attempts > 0 || h.LastError != null)),
            EventHandlingState.Dead => handlings.Where(h => h.Status == EventHandlingStatus.Dead),
            EventHandlingState.Handled => handlings.Where(h => h.Status == EventHandlingStatus.Handled),
            _ => handlings.Where(h => h.Status != EventHandlingStatus.Handled),
        };
        var total = await handlings.CountAsync(ct);
        var rows = await handlings.Join(db.Outbox.AsNoTracking(), h => h.MessageId, m => m.Id, (h, m) => new { Handling = h, m.Version })
            .OrderBy(r => r.Handling.OccurredAt).ThenBy(r => r.Handling.MessageId).ThenBy(r => r.Handling.Handler).Skip(skip).Take(size)
            .ToListAsync(ct);
        var items = rows.Select(r => new EventHandlingResponse(r.Handling.MessageId, r.Handling.EventType, r.Version, r.Handling.Handler, StateOf(r.Handling),
            r.Handling.Attempts, r.Handling.NextAttemptAt, r.Handling.LastError, r.Handling.OccurredAt, r.Handling.HandledAt)).ToList();
        return new PagedList<EventHandlingResponse>(items, number, size, total);
    }

    /// <summary>Every handler that is registered or has events, so a handler with nothing to do shows too.</summary>
    public static async Task<IReadOnlyList<HandlerSummary>> HandlersAsync(UhrwerkDbContext db, IEnumerable<EventSubscription> subscriptions, CancellationToken ct)
    {
        var counted = await db.EventHandlings.AsNoTracking().GroupBy(h => h.Handler)
            .Select(g => new HandlerSummary(g.Key,
                g.Count(h => h.Status == EventHandlingStatus.Pending),
                g.Count(h => h.Status == EventHandlingStatus.Pending && (h.Attempts > 0 || h.LastError != null)),
                g.Count(h => h.Status == EventHandlingStatus.Dead),
                g.Count(h => h.Status == EventHandlingStatus.Handled)))
            .ToListAsync(ct);
        return subscriptions.Select(s => s.Handler).Except(counted.Select(c => c.Handler))
            .Select(idle => new HandlerSummary(idle, 0, 0, 0, 0))
            .Concat(counted).OrderBy(s => s.Handler, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Starts the handler's attempts at the event over; false if the handler never had it. On PostgreSQL the
    /// row is locked first, so a retry cannot overwrite a handling that the worker has just finished.
    /// </summary>
    public static async Task<bool> RetryAsync(UhrwerkDbContext db, TimeProvider clock, Guid messageId, string handler, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var handling = db.Database.IsNpgsql()
            ? (await db.EventHandlings.FromSql($"""SELECT * FROM platform_outbox_handled WHERE "MessageId" = {messageId} AND "Handler" = {handler} FOR UPDATE""").ToListAsync(ct)).SingleOrDefault()
            : await db.EventHandlings.SingleOrDefaultAsync(h => h.MessageId == messageId && h.Handler == handler, ct);
        if (handling is null)
        {
            return false;
        }

        handling.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public static EventHandlingState StateOf(EventHandling handling) => handling.Status switch
    {
        EventHandlingStatus.Dead => EventHandlingState.Dead,
        EventHandlingStatus.Handled => EventHandlingState.Handled,
        _ when handling.Attempts > 0 || handling.LastError is not null => EventHandlingState.Failed,
        _ => EventHandlingState.Pending,
    };
}
