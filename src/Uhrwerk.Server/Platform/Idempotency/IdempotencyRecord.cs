using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Platform.Idempotency;

/// <summary>
/// The first answer to a POST with an <c>Idempotency-Key</c>, scoped to company, user and route.
/// The row is written before the work starts (a concurrent duplicate hits the unique key) and
/// completed in the same transaction as the business change. Rows are never deleted here, so keys
/// are kept well beyond the promised 24 hours.
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
    /// <summary>First time: do the work and complete the record with the answer.</summary>
    public sealed record Proceed(IdempotencyRecord Record) : IdempotentStart;

    /// <summary>Done before with the same body: answer as the first time.</summary>
    public sealed record Replay(IdempotencyRecord Record) : IdempotentStart;

    /// <summary>The same key with another body (422) or still in progress (409).</summary>
    public sealed record Refuse(int StatusCode, string Detail) : IdempotentStart;
}

public sealed class IdempotentRequests(UhrwerkDbContext db, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";

    /// <summary>A record left unfinished this long (the process died mid-request) may be taken over.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    public static string Hash(string body) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    public async Task<IdempotentStart> StartAsync(Guid? companyId, Guid userId, string route, string key, string requestHash, CancellationToken ct)
    {
        if (key.Length is 0 or > 200)
        {
            throw Problems.ValidationFailedException.For(Header, "The Idempotency-Key must have 1 to 200 characters.");
        }

        var now = clock.GetUtcNow();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.CompanyId == companyId && r.UserId == userId && r.Route == route && r.Key == key, ct);
            if (existing is not null)
            {
                if (existing.RequestHash != requestHash)
                {
                    return new IdempotentStart.Refuse(422, "This Idempotency-Key was already used with a different request body.");
                }

                if (existing.Completed)
                {
                    return new IdempotentStart.Replay(existing);
                }

                if (existing.CreatedAt > now - Abandoned)
                {
                    return new IdempotentStart.Refuse(409, "A request with this Idempotency-Key is still being processed.");
                }

                await db.IdempotencyRecords.Where(r => r.Id == existing.Id && r.StatusCode == null).ExecuteDeleteAsync(ct);
            }

            var record = IdempotencyRecord.Begin(companyId, userId, route, key, requestHash, now);
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                return new IdempotentStart.Proceed(record);
            }
            catch (DbUpdateException)
            {
                // A concurrent duplicate inserted first; look again.
                db.Entry(record).State = EntityState.Detached;
            }
        }

        return new IdempotentStart.Refuse(409, "A request with this Idempotency-Key is still being processed.");
    }

    /// <summary>The work failed: forget the key so the client can try again with it.</summary>
    public async Task ForgetAsync(IdempotencyRecord record) =>
        await db.IdempotencyRecords.Where(r => r.Id == record.Id && r.StatusCode == null).ExecuteDeleteAsync(CancellationToken.None);
}
