namespace Uhrwerk.Server.Modules.Inventory.Domain.Planning;

// What planning knows about one product in one warehouse.
public sealed record StockPosition(string Sku, string WarehouseCode, int OnHand, int Reserved, int InboundOpen, int InboundPromised, int Backordered)
{
    public int Available => OnHand - Reserved;

    // Stock plus confirmed inbound minus the demand already promised against it.
    public int Projected => Available + InboundOpen - InboundPromised - Backordered;
}
