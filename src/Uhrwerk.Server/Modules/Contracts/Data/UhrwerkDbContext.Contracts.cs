using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Contracts.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<CallOffContract> CallOffContracts => Set<CallOffContract>();
    public DbSet<ContractCallOff> ContractCallOffs => Set<ContractCallOff>();
    public DbSet<ContractDelivery> ContractDeliveries => Set<ContractDelivery>();
    public DbSet<ScheduledRelease> ScheduledReleases => Set<ScheduledRelease>();
}
