using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.Ingest;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<TrackedShipment> TrackedShipments => Set<TrackedShipment>();
    public DbSet<TrackedParcel> TrackedParcels => Set<TrackedParcel>();
    public DbSet<CarrierMessage> CarrierMessages => Set<CarrierMessage>();
}
