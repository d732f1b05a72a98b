using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Uhrwerk.Server.Platform.Idempotency;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.ToTable("platform_idempotency_keys");
        e.HasIndex(x => new { x.CompanyId, x.UserId, x.Route, x.Key }).IsUnique();
        e.Property(x => x.Route).HasMaxLength(200);
        e.Property(x => x.Key).HasMaxLength(200);
        e.Property(x => x.RequestHash).HasMaxLength(64);
        e.Property(x => x.Location).HasMaxLength(300);
        e.Ignore(x => x.Completed);
    }
}
