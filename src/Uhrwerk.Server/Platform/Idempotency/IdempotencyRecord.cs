using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Platform.Idempotency;

/// <summary>
/// The first answer to a POST with an <c>Idempotency-Key</c>, scoped to company, user and route.
/// The row is written as the first change of the business transaction and completed in it, so it
/// exists only together with the business change: a crash or a database restart mid-request leaves
/// no row behind, and the client's retry does the work at once. Rows are never deleted here, so
/// keys are kept well beyond the promised 24 hours.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid UserId { get; private set; }
    public string Route { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string RequestHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? ResponseBody { get; private set; }
    public string? Location { get; private set; }

    public bool Completed => StatusCode is not null;

    public void Complete(int statusCode, string body, string? location)
    {
        StatusCode = statusCode;
        ResponseBody = body;
        Location = location;
    }

    internal static IdempotencyRecord Begin(Guid? companyId, Guid userId, string route, string key, string requestHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CompanyId = companyId,
        UserId = userId,
        Route = route,
        Key = key,
        RequestHash = requestHash,
        CreatedAt = now,
    };
}

/// <summary>What to do with a request that carries an idempotency key.</summary>
public abstract record IdempotentStart
{
    /// <summary>First time: claim the record in the work's transaction and complete it with the answer.</summary>
    public sealed record Proceed(IdempotencyRecord Record) : IdempotentStart;

    /// <summary>Done before with the same body: answer as the first time.</summary>
    public sealed record Replay(IdempotencyRecord Record) : IdempotentStart;

    /// <summary>The same key with another body (422) or still in progress (409).</summary>
    public sealed record Refuse(int StatusCode, string Detail) : IdempotentStart;
}

/// <summary>
/// Keys whose request is being worked on in this process. A duplicate that arrives meanwhile is
/// answered 409 at once instead of doing the work up to the unique key; a duplicate on another
/// instance waits at the unique key and then replays. Dies with the process, as the work does.
/// </summary>
public sealed class IdempotencyKeysInFlight
{
    private readonly ConcurrentDictionary<(Guid? CompanyId, Guid UserId, string Route, string Key), byte> _keys = new();

    internal bool TryEnter((Guid?, Guid, string, string) key) => _keys.TryAdd(key, 0);

    internal void Leave((Guid?, Guid, string, string) key) => _keys.TryRemove(key, out _);
}

/// <summary>The key was recorded by a duplicate request that committed first; its answer is the answer.</summary>
public sealed class IdempotencyKeyTakenException() : Exception("A duplicate request with this Idempotency-Key committed first.");

public sealed class IdempotentRequests(UhrwerkDbContext db, IdempotencyKeysInFlight inFlight, TimeProvider clock) : IDisposable
{
    public const string Header = "Idempotency-Key";

    private (Guid?, Guid, string, string)? _entered;

    /// <summary>The record a handler that opens its own business transaction claims there; null without a key.</summary>
    public IdempotencyRecord? Claimable { get; internal set; }

    public static string Hash(string body) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    public async Task<IdempotentStart> StartAsync(Guid? companyId, Guid userId, string route, string key, string requestHash, CancellationToken ct)
    {
        if (key.Length is 0 or > 200)
        {
            throw Problems.ValidationFailedException.For(Header, T.Get("Idempotency.KeyLength"));
        }

        var existing = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.CompanyId == companyId && r.UserId == userId && r.Route == route && r.Key == key, ct);
        if (existing is not null && existing.RequestHash != requestHash)
        {
            return new IdempotentStart.Refuse(422, "This Idempotency-Key was already used with a different request body.");
        }

        if (existing is { Completed: true })
        {
            return new IdempotentStart.Replay(existing);
        }

        var entry = (companyId, userId, route, key);
        if (_entered != entry && !inFlight.TryEnter(entry))
        {
            return new IdempotentStart.Refuse(409, "A request with this Idempotency-Key is still being processed.");
        }

        _entered = entry;
        if (existing is not null)
        {
            // An unfinished row can only be left by an earlier version that committed it before the work.
            await db.IdempotencyRecords.Where(r => r.Id == existing.Id && r.StatusCode == null).ExecuteDeleteAsync(ct);
        }

        return new IdempotentStart.Proceed(IdempotencyRecord.Begin(companyId, userId, route, key, requestHash, clock.GetUtcNow()));
    }

    /// <summary>
    /// Writes the record inside the caller's business transaction, before its other changes. A duplicate
    /// that committed first makes this throw <see cref="IdempotencyKeyTakenException"/>; on PostgreSQL a
    /// duplicate still in flight elsewhere makes this wait for its outcome at the unique key.
    /// </summary>
    public Task ClaimAsync(IdempotencyRecord record, CancellationToken ct) => SaveWithAsync(record, ct);

    /// <summary>
    /// Saves the business change and, when there is one, its completed record in one SaveChanges, so a
    /// request pays no round trip of its own for the key. A duplicate that committed first makes this throw
    /// <see cref="IdempotencyKeyTakenException"/> and the caller's transaction must roll back; on PostgreSQL
    /// a duplicate still in flight elsewhere makes this wait for its outcome at the unique key. As the whole
    /// transaction goes on a failure, EF's savepoint before the save (a round trip of its own on PostgreSQL) is left out.
    /// </summary>
    public async Task SaveWithAsync(IdempotencyRecord? record, CancellationToken ct)
    {
        if (record is not null)
        {
            db.IdempotencyRecords.Add(record);
        }

        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (record is not null && DatabaseErrors.IsUniqueViolationOn(e, db.Model.FindEntityType(typeof(IdempotencyRecord))!.GetTableName()!))
        {
            db.Entry(record).State = EntityState.Detached;
            throw new IdempotencyKeyTakenException();
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    public void Dispose()
    {
        if (_entered is { } entry)
        {
            inFlight.Leave(entry);
        }
    }
}
