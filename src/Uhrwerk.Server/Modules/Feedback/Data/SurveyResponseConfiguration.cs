using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Feedback.Domain;

namespace Uhrwerk.Server.Modules.Feedback.Data;

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> e)
    {
        e.ToTable("feedback_responses");
        e.Property(x => x.Id).ValueGeneratedNever();
        // One answer per invitation: the second submit of the same link, on any instance, fails here.
        e.HasIndex(x => x.InvitationId).IsUnique();
        e.HasIndex(x => new { x.CompanyId, x.RespondedAt });
        e.HasIndex(x => x.RespondedAt);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reasons).HasConversion<int>();
        e.Property(x => x.Comment).HasMaxLength(SurveyResponse.MaxCommentLength);
        e.Property(x => x.OrderNumber).HasMaxLength(20);
        e.Property(x => x.Carrier).HasMaxLength(60);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
        e.Ignore(x => x.IsDetractor);
        e.Ignore(x => x.IsPromoter);
        e.Ignore(x => x.IsDissatisfied);
    }
}
