using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Feedback.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<FeedbackCase> FeedbackCases => Set<FeedbackCase>();

    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<PartnerMember> PartnerMembers => Set<PartnerMember>();
}
