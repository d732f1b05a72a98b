using QRCoder;

namespace Uhrwerk.Server.Modules.Fulfillment.DeliveryNote;

internal static class DeliveryNoteQr
{
    /// <summary>The tracking link as an inline SVG QR code for the printable page.</summary>
    public static string Svg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var code = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(code).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
