using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering.Domain;

/// <summary>One product in a user's cart; prices are looked up when the order is placed, not stored here.</summary>
public sealed class CartLine : ICompanyOwned
{
    private CartLine() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid UserId { get; private set; }
    public string Sku { get; private set; } = "";
    public int Quantity { get; private set; }

    public static CartLine Put(Guid companyId, Guid userId, string sku, int quantity) =>
        new CartLine { Id = Guid.NewGuid(), CompanyId = companyId, UserId = userId, Sku = sku }.Set(quantity);

    public CartLine Set(int quantity)
    {
        if (quantity is < 1 or > 1_000_000)
        {
            throw ValidationFailedException.For("quantity", T.Format("Ordering.QuantityRange", Sku));
        }

        Quantity = quantity;
        return this;
    }
}

/// <summary>Order numbers people can read out on the phone: UW-2026-000123, counted per year.</summary>
public sealed class OrderNumberCounter
{
    private OrderNumberCounter() { }

    public int Year { get; private set; }
    public long Last { get; private set; }

    public static string Format(int year, long number) => $"UW-{year}-{number:000000}";
}
