using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Ordering.Erp;

namespace Uhrwerk.Server.Modules.Ordering.Data;

internal sealed class ErpFeedConfiguration : IEntityTypeConfiguration<ErpFeedEntry>
{
    public void Configure(EntityTypeBuilder<ErpFeedEntry> e)
    {
        e.ToTable("ordering_erp_feed");
        e.HasKey(x => x.Position);
        // The feed hands out positions itself, in commit order; a database sequence would not.
        e.Property(x => x.Position).ValueGeneratedNever();
        e.HasIndex(x => x.EventId).IsUnique();
        e.HasIndex(x => x.OrderId);
        e.Property(x => x.EventType).HasMaxLength(200);
        e.Property(x => x.OrderNumber).HasMaxLength(20);
        e.Property(x => x.Note).HasMaxLength(4000);
    }
}
