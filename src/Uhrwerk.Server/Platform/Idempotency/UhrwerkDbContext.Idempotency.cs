using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Idempotency;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
}
