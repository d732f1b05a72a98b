using Uhrwerk.Server.Modules.Ordering.Domain;

namespace Uhrwerk.Tests.Ordering;

/// <summary>Who decides an order, as a pure rule: the demo companies all have an approver, so the fallbacks are pinned here.</summary>
public sealed class ApprovalRoutingTests
{
    private static readonly Guid Company = Guid.NewGuid();
    private static readonly Guid MainContact = Guid.NewGuid();
    private static readonly Guid Buyer = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void With_no_approver_designated_the_main_contact_decides()
    {
        var routed = ApprovalRouting.For(Buyer, [], 300m, [], [], MainContact, Today);

        Assert.Equal([new RoutedApprover(MainContact, ApprovalReason.MainContactFallback, null)], routed);
    }

    [Fact]
    public void An_approver_for_everybody_decides_up_to_the_limit_and_the_main_contact_above_it()
    {
        var approver = Approver.Designate(Company, Guid.NewGuid(), "Alexandra Approver", 5000m, null, null, new Designator(MainContact, MainContact));

        Assert.Equal([new RoutedApprover(approver.UserId, ApprovalReason.Designated, null)], ApprovalRouting.For(Buyer, [], 5000m, [approver], [], MainContact, Today));
        Assert.Equal([new RoutedApprover(MainContact, ApprovalReason.AboveLimit, approver.UserId)], ApprovalRouting.For(Buyer, [], 5000.01m, [approver], [], MainContact, Today));
    }
}
