namespace Uhrwerk.Server.Modules.Accounts.Domain;

public enum AddressKind { Billing, Shipping }

public sealed record Address(AddressKind Kind, string Street, string PostalCode, string City, string Country);
