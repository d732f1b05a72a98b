using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Feedback.Domain;

namespace Uhrwerk.Server.Modules.Feedback.Data;

internal sealed class RelationshipSurveyConsentConfiguration : IEntityTypeConfiguration<RelationshipSurveyConsent>
{
    public void Configure(EntityTypeBuilder<RelationshipSurveyConsent> e)
    {
        e.ToTable("feedback_relationship_consents");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => x.UserId).IsUnique();
        // The periodic job reads those who opted in; the main contact reads their company's.
        e.HasIndex(x => new { x.OptedIn, x.CompanyId });
    }
}
