using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Feedback.Domain;

namespace Uhrwerk.Server.Modules.Feedback.Data;

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> e)
    {
        e.ToTable("feedback_invitations");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => x.Token).IsUnique();
        // At most one invitation per delivered shipment and one per user and relationship period, however often the event arrives.
        e.HasIndex(x => x.ShipmentId).IsUnique();
        e.HasIndex(x => new { x.UserId, x.Period }).IsUnique();
        // One follow-up per resolved case, even when the case is resolved again or its event arrives twice.
        e.HasIndex(x => x.CaseId).IsUnique();
        e.HasIndex(x => new { x.SentAt, x.DueAt });
        e.HasIndex(x => new { x.CompanyId, x.CreatedAt });
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Token).HasMaxLength(40);
        e.Property(x => x.OrderNumber).HasMaxLength(20);
        e.Property(x => x.Carrier).HasMaxLength(60);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.IsAnswered);
    }
}
