using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<Shipment> Shipments => Set<Shipment>();
}
