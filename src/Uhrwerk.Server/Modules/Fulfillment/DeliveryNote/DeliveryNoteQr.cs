using QRCoder;

namespace Uhrwerk.Server.Modules.Fulfillment.DeliveryNote;

/// <summary>The one encoding of the tracking link, so the PDF and the printable page show the same code.</summary>
internal static class DeliveryNoteQr
{
    public static QRCodeData Encode(string link)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
    }

    /// <summary>The tracking link as an inline SVG QR code for the printable page.</summary>
    public static string Svg(string link)
    {
        using var code = Encode(link);
        return new SvgQRCode(code).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
