using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Tracking.Ingest;

public sealed record CarrierMessageResponse(Guid Id, string Carrier, string WebhookId, DateTimeOffset ReceivedAt, string Status, int Attempts,
    DateTimeOffset? ProcessedAt, string? Error, string Body);

/// <summary>Staff see what carriers sent, above all the messages that failed and why; nothing a carrier said is lost.</summary>
internal static class CarrierMessageEndpoints
{
    public static void Map(RouteGroupBuilder staff) =>
        staff.MapGet("/carrier-messages", ListAsync)
            .WithSummary("The latest carrier messages, newest first; status=Failed lists those that could not be read, with their error");

    private static async Task<IReadOnlyList<CarrierMessageResponse>> ListAsync(UhrwerkDbContext db, CarrierMessageStatus? status, string? carrier, CancellationToken ct)
    {
        var messages = db.CarrierMessages.AsNoTracking();
        if (status is { } s)
        {
            messages = messages.Where(m => m.Status == s);
        }

        if (carrier is { Length: > 0 })
        {
            var name = Domain.CarrierName.Normalise(carrier);
            messages = messages.Where(m => m.Carrier == name);
        }

        return await messages.OrderByDescending(m => m.Id).Take(100)
            .Select(m => new CarrierMessageResponse(m.Id, m.Carrier, m.WebhookId, m.ReceivedAt, m.Status.ToString(), m.Attempts, m.ProcessedAt, m.Error, m.Body))
            .ToListAsync(ct);
    }
}
