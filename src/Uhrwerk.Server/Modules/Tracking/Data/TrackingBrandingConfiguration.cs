using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Tracking.Domain;

namespace Uhrwerk.Server.Modules.Tracking.Data;

internal sealed class TrackingBrandingConfiguration : IEntityTypeConfiguration<TrackingBranding>
{
    public void Configure(EntityTypeBuilder<TrackingBranding> e)
    {
        e.ToTable("tracking_branding");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.PrimaryColour).HasMaxLength(7);
        e.Property(x => x.AccentColour).HasMaxLength(7);
        e.Property(x => x.ContactPhone).HasMaxLength(40);
        e.Property(x => x.ContactEmail).HasMaxLength(200);
        e.Property(x => x.ContactHours).HasMaxLength(200);
        e.Property(x => x.LegalNoticeText).HasMaxLength(4000);
        e.Property(x => x.LegalNoticeUrl).HasMaxLength(500);
        e.Property(x => x.LogoContentType).HasMaxLength(20);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.OwnsMany(x => x.Related, r => r.ToJson());
        e.Navigation(x => x.Related).HasField("_related");
    }
}
