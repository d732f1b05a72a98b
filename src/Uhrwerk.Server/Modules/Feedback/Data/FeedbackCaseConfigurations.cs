using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Feedback.Domain;

namespace Uhrwerk.Server.Modules.Feedback.Data;

internal sealed class FeedbackCaseConfiguration : IEntityTypeConfiguration<FeedbackCase>
{
    public void Configure(EntityTypeBuilder<FeedbackCase> e)
    {
        e.ToTable("feedback_cases");
        e.Property(x => x.Id).ValueGeneratedNever();
        // One case per response, however often the answer's event arrives or staff flag it.
        e.HasIndex(x => x.ResponseId).IsUnique();
        e.HasIndex(x => x.Number).IsUnique();
        e.HasIndex(x => new { x.OwnerPartnerId, x.OpenedAt });
        e.HasIndex(x => new { x.Status, x.OpenedAt });
        // The escalation check reads the unanswered, not yet escalated cases by due time.
        e.HasIndex(x => new { x.EscalatedAt, x.FirstResponseAt, x.ResponseDueAt });
        e.HasIndex(x => new { x.CompanyId, x.OpenedAt });
        e.Property(x => x.Number).HasMaxLength(20);
        e.Property(x => x.Origin).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.OwnerTeam).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.EscalatedTo).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reasons).HasConversion<int>();
        e.Property(x => x.Comment).HasMaxLength(SurveyResponse.MaxCommentLength);
        e.Property(x => x.OrderNumber).HasMaxLength(20);
        e.Property(x => x.OwnerPartnerName).HasMaxLength(100);
        e.Property(x => x.Resolution).HasMaxLength(FeedbackCase.MaxNoteLength);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasMany(x => x.Notes).WithOne().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Notes).HasField("notes").UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(x => x.Owner);
    }
}

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> e)
    {
        e.ToTable("feedback_case_notes");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.CaseId, x.WrittenAt });
        e.Property(x => x.AuthorName).HasMaxLength(200);
        e.Property(x => x.Text).HasMaxLength(FeedbackCase.MaxNoteLength);
    }
}

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> e)
    {
        e.ToTable("feedback_routing_rules");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.Priority, x.CreatedAt });
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Country).HasMaxLength(2);
        e.Property(x => x.PostalCodePrefixes).HasMaxLength(500);
        e.Property(x => x.Reasons).HasConversion<int>();
        e.Property(x => x.Team).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> e)
    {
        e.ToTable("feedback_partners");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => x.Name).IsUnique();
        e.Property(x => x.Name).HasMaxLength(100);
    }
}

internal sealed class PartnerMemberConfiguration : IEntityTypeConfiguration<PartnerMember>
{
    public void Configure(EntityTypeBuilder<PartnerMember> e)
    {
        e.ToTable("feedback_partner_members");
        // A user works for one partner: the scope of their cases is never ambiguous.
        e.HasKey(x => x.UserId);
        e.HasIndex(x => x.PartnerId);
    }
}
