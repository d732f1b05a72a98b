namespace Uhrwerk.Server.Modules.Inventory.Domain;

/// <summary>The sixteen German states by their ISO 3166-2:DE codes; public holidays differ by state.</summary>
public enum GermanState
{
    BW,
    BY,
    BE,
    BB,
    HB,
    HH,
    HE,
    MV,
    NI,
    NW,
    RP,
    SL,
    SN,
    ST,
    SH,
    TH,
}
