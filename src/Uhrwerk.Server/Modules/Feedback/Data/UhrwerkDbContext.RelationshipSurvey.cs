using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Feedback.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<RelationshipSurveyConsent> RelationshipSurveyConsents => Set<RelationshipSurveyConsent>();
}
