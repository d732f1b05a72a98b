using System.Text.Json;
using System.Text.Json.Serialization;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.Domain;

/// <summary>One line of a company's append-only audit log: who changed what, before and after.</summary>
public sealed class AuditEntry : ICompanyOwned, IAppendOnly
{
    /// <summary>Enums as names, as the API shows them, so the log reads like the API and survives a renumbering.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    private AuditEntry() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }

    public static AuditEntry Record(Guid companyId, Guid? actorUserId, string actorName, string action, string subject, object? before, object? after, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CompanyId = companyId,
        At = now,
        ActorUserId = actorUserId,
        ActorName = actorName,
        Action = action,
        Subject = subject,
        Before = before is null ? null : JsonSerializer.Serialize(before, Json),
        After = after is null ? null : JsonSerializer.Serialize(after, Json),
    };
}
