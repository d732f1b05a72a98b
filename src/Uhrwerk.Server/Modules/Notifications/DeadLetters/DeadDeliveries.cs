using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Telemetry;

namespace Uhrwerk.Server.Modules.Notifications.DeadLetters;

/// <summary>Deliveries no channel could make, across all companies: operations see them before a customer asks.</summary>
internal sealed class DeadDeliveries : IDeadLetterSource
{
    public string Kind => "delivery";

    public int Count(UhrwerkDbContext db) => db.Deliveries.IgnoreQueryFilters().Count(d => d.Status == DeliveryStatus.DeadLetter);
}
