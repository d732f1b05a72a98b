using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Catalog.Domain;

/// <summary>Net prices are EUR with at most two decimals and never negative.</summary>
public static class NetPrice
{
    public static decimal Of(decimal amount, string field = "price")
    {
        if (amount < 0 || decimal.Round(amount, 2) != amount || amount > 10_000_000m)
        {
            throw ValidationFailedException.For(field, T.Get("Catalog.NetPriceRange"));
        }

        return amount;
    }
}
