using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Contracts.Domain;

public enum ContractStatus
{
    Draft,
    Active,
    Fulfilled,
    Expired,
    Cancelled,
}

/// <summary>The one table of legal status changes of a contract; everything else is a 409.</summary>
public static class ContractStatusTransitions
{
    private static readonly Dictionary<ContractStatus, ContractStatus[]> Allowed = new()
    {
        [ContractStatus.Draft] = [ContractStatus.Active, ContractStatus.Cancelled],
        [ContractStatus.Active] = [ContractStatus.Fulfilled, ContractStatus.Expired, ContractStatus.Cancelled],
    };

    public static bool CanMove(ContractStatus from, ContractStatus to) => Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static void EnsureCanMove(ContractStatus from, ContractStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new DomainException("illegal_transition", T.Format("Contracts.IllegalTransition", T.Get("ContractStatus." + from), T.Get("ContractStatus." + to)));
        }
    }
}
