using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Tracking.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<TrackingBranding> TrackingBranding => Set<TrackingBranding>();
}
