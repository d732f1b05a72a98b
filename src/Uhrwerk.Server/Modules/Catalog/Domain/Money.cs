using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Catalog.Domain;

/// <summary>Net prices are EUR with at most two decimals and never negative.</summary>
public static class NetPrice
{
    public static decimal Of(decimal amount, string field = "price")
    {
        if (amount < 0 || decimal.Round(amount, 2) != amount || amount > 10_000_000m)
        {
            throw ValidationFailedException.For(field, "A net price in EUR from 0 to 10,000,000 with at most two decimals is required.");
        }

        return amount;
    }
}
