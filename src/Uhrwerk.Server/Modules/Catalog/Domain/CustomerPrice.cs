using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Catalog.Domain;

/// <summary>A company's own net price for a product; it overrides the list price for that company only.</summary>
public sealed class CustomerPrice : ICompanyOwned
{
    private CustomerPrice() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid ProductId { get; private set; }
    public decimal Price { get; private set; }

    public static CustomerPrice Agree(Guid companyId, Guid productId, decimal price, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), CompanyId = companyId, ProductId = productId, Price = NetPrice.Of(price) };

    public void Reprice(decimal price) => Price = NetPrice.Of(price);
}
