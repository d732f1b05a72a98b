using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Feedback.Analytics;

namespace Uhrwerk.Server.Modules.Feedback.Data;

internal sealed class FeedbackDailyScoreConfiguration : IEntityTypeConfiguration<FeedbackDailyScore>
{
    public void Configure(EntityTypeBuilder<FeedbackDailyScore> e)
    {
        e.ToTable("feedback_daily_scores");
        // The key is what the rollup's upsert conflicts on; it leads with company and day, which every analytics query filters by.
        e.HasKey(x => new { x.CompanyId, x.Day, x.Reason, x.Kind, x.Carrier, x.Warehouse, x.Punctuality });
        // Figures per company across all companies read one period's rows of every company, without knowing the companies.
        e.HasIndex(x => new { x.Day, x.Reason });
        e.Property(x => x.Kind).HasMaxLength(20);
        e.Property(x => x.Carrier).HasMaxLength(60);
        e.Property(x => x.Warehouse).HasMaxLength(10);
        e.Property(x => x.Punctuality).HasMaxLength(10);
        e.Property(x => x.Reason).HasMaxLength(20);
    }
}
